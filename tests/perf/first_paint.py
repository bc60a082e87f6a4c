"""First paint as a person sees it: a real terminal (tmux), from launch until given words are on screen.

``bench.py`` uses it to compare the reader with a bare Textual app
(``bare_app.py``) started the same way, for a ``.txt`` brief, a saved
``.yaml`` and a folder. Method:

- one private tmux server (its own socket) kept up by an idle session for
  the whole run, so starting the server is not timed; each launch is a new
  160x50 session, timed from just before ``new-session`` until
  ``capture-pane`` shows the words (polled every 5 ms), then killed; the
  commands go through one control-mode client (``Control``), not a tmux
  process per poll;
- runs interleaved (bare, ours, bare, ours...), so a load that comes and
  goes on a shared machine falls on both alike; the median of each is kept;
- both with their bytecode cached, as after ``pip install``: a private
  ``PYTHONPYCACHEPREFIX``, warmed by one uncounted launch of each. (With
  ``PYTHONDONTWRITEBYTECODE`` set and no cache, every launch would compile
  this package from source, which no installed copy does.)
"""

from __future__ import annotations

import itertools
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BARE_APP = HERE / "bare_app.py"
SIZE = (160, 50)
TIMEOUT = 60.0


class Control:
    """One tmux control-mode client (``tmux -C``): commands and their answers over one pipe.

    Polling the screen by running ``tmux capture-pane`` every 5 ms started
    ~100 processes a second on the machine being measured, which took CPU
    from the launch being timed (most from one that uses a second core).
    Through this client a poll is a line written and a few read.
    """

    def __init__(self, socket: str, session: str) -> None:
        self.proc = subprocess.Popen(
            ["tmux", "-L", socket, "-C", "attach-session", "-t", session],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            bufsize=1,
        )
        self.command("display-message -p ready")  # past what attaching printed

    def command(self, line: str) -> str:
        """Run one tmux command; its output (raises RuntimeError if tmux says it failed)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        out: list[str] = []
        inside = False
        while True:
            got = self.proc.stdout.readline()
            if not got:
                raise RuntimeError("the tmux control client went away")
            # Notifications (%output, %sessions-changed...) come between answers: skipped.
            if got.startswith("%begin"):
                inside, out = True, []
            elif inside and got.startswith(("%end", "%error")):
                if got.startswith("%error"):
                    raise RuntimeError(f"tmux: {line}: {''.join(out).strip()}")
                return "".join(out)
            elif inside:
                out.append(got)

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


class Terminal:
    """A private tmux server for timing launches (started by ``terminal()``)."""

    def __init__(self, control: Control, env: dict[str, str]) -> None:
        self.control = control
        self.env = env
        """Variables every launch gets (bytecode cache, an empty recovery folder)."""

    def time_until(self, argv: list[str], expect: str) -> float:
        """Seconds from launching ``argv`` in a new 160x50 window until ``expect`` is on its screen."""
        return self.times_until(argv, [expect])[0]

    def times_until(self, argv: list[str], expects: list[str]) -> list[float]:
        """Seconds from launching ``argv`` until each of ``expects`` is first on its screen (one launch).

        The window is killed once all of them were seen.
        """
        env = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        command = f"cd {shlex.quote(str(ROOT))} && {env} exec {shlex.join(argv)}"
        width, height = SIZE
        run = self.control.command
        seen: dict[str, float] = {}
        t0 = time.perf_counter()
        run(f"new-session -d -s run -x {width} -y {height} {_quote(command)}")
        try:
            while True:
                screen = run("capture-pane -p -t run")
                now = time.perf_counter() - t0
                for expect in expects:
                    if expect not in seen and expect in screen:
                        seen[expect] = now
                if len(seen) == len(expects):
                    return [seen[e] for e in expects]
                if now > TIMEOUT:
                    missing = [e for e in expects if e not in seen]
                    raise RuntimeError(f"{missing!r} never appeared on screen for {shlex.join(argv)}")
                time.sleep(0.005)  # polling a terminal: there is no event to wait on
        finally:
            run("kill-session -t run")


def _quote(arg: str) -> str:
    """One argument of a tmux command line (tmux's quoting: double quotes, backslash escapes)."""
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
    return f'"{escaped}"'


_SERVERS = itertools.count(1)


@contextmanager
def terminal() -> Iterator[Terminal]:
    """A tmux server of our own, with bytecode cached in a private folder, removed at the end."""
    # A name of its own each time: a server just killed may still hold the last one's socket.
    socket = f"brbench{os.getpid()}-{next(_SERVERS)}"
    # Processes of a killed reader (its parse process) may still be writing there: leave what cannot go.
    with (
        tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as cache,
        tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as recovery,
    ):
        env = {
            "PYTHONPYCACHEPREFIX": os.environ.get("PYTHONPYCACHEPREFIX") or cache,
            "PYTHONDONTWRITEBYTECODE": "",
            "PYTHONPATH": str(ROOT),
            "BRIEFREADER_RECOVERY_DIR": recovery,
        }
        subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-s", "idle", "sleep 86400"], check=True)
        control = Control(socket, "idle")
        try:
            yield Terminal(control, env)
        finally:
            control.close()
            subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def reader_argv(path: Path) -> list[str]:
    """The reader on ``path``, as a person starts it."""
    return [sys.executable, "-m", "briefreader", str(path)]


def bare_argv(words: str) -> list[str]:
    """The bare Textual app showing ``words``."""
    return [sys.executable, str(BARE_APP), words]


@dataclass
class Comparison:
    """Medians of interleaved launches of the reader and of the bare app."""

    what: str
    reader_s: float
    bare_s: float
    runs: int

    @property
    def ratio(self) -> float:
        """The reader's first paint over the bare app's."""
        return self.reader_s / self.bare_s


def compare(term: Terminal, what: str, path: Path, expect: str, runs: int = 5) -> Comparison:
    """Interleaved launches (bare, reader, bare, reader...), after one uncounted launch of each."""
    bare: list[float] = []
    ours: list[float] = []
    term.time_until(bare_argv(expect), expect)  # warm-up: bytecode written, files in the page cache
    term.time_until(reader_argv(path), expect)
    for _ in range(runs):
        bare.append(term.time_until(bare_argv(expect), expect))
        ours.append(term.time_until(reader_argv(path), expect))
    return Comparison(what, statistics.median(ours), statistics.median(bare), runs)


def first_words(brief: Path, n: int = 4) -> str:
    """Words of the brief's first body paragraph, as the reader shows them."""
    from briefreader.io.sources import open_any

    doc = open_any(brief)
    para = next(b for b in doc.blocks if b.kind == "paragraph")
    return " ".join(doc.text[para.start : para.end].split()[:n])


def folder_words(folder: Path, n: int = 3) -> str:
    """Words of the title of the folder's first brief: on screen whether it opens that brief or lists them."""
    from briefreader.io.sources import find_briefs, open_any

    doc = open_any(find_briefs(folder)[0])
    return " ".join(doc.meta.title.split()[:n])
