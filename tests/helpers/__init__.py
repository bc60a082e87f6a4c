"""What tests share: paths, sample data, and building and driving the app; imported as ``tests.helpers.<module>``."""
