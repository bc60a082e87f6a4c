"""Plain logic: the model, files, parsing, events, the session and the library, with no UI and no command run."""
