"""Debian's Chromium, headless, driven over the DevTools protocol to render one local HTML
file: every console message, exception and network request it made, a PNG screenshot, an
A4 PDF and the rendered DOM, from one browser start.

The protocol runs over `--remote-debugging-pipe`: Chromium reads commands on its fd 3 and
writes replies and events on its fd 4, each a JSON object followed by a NUL byte. No port,
no websocket and no extra dependency.

    python -m tests.browser.chromium report.html report.png [--height 1400]

renders a file from the command line (`make screenshot` does it through scripts/).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INSTALL_HINT = ("install Debian's chromium and fonts-noto-cjk: `sudo apt-get install -y "
                "chromium fonts-noto-cjk` (.ci/run does it in CI)")
# What a headless Chromium needs in a container (no sandbox, no GPU, no D-Bus session) and
# what keeps it from calling home, so that the only requests are the page's own.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
    # A request to any host fails at once instead of waiting on DNS; it is still recorded.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-pipe",
)
WIDTH = 1280
VIEWPORT_HEIGHT = 900
TIMEOUT = 90.0  # seconds for the whole page: a report takes a few, more on a busy machine


class BrowserError(RuntimeError):
    """Chromium is missing, died, or did not answer in time."""


@dataclass(frozen=True)
class ConsoleMessage:
    source: str  # "console" (console.*), "exception", or the Log domain's source
    level: str  # "error", "warning", "info", "log", "verbose", "debug" …
    text: str

    def __str__(self) -> str:
        return f"[{self.source} {self.level}] {self.text}"


@dataclass(frozen=True)
class Rendered:
    url: str
    messages: tuple[ConsoleMessage, ...]  # console calls, exceptions and log entries
    requests: tuple[str, ...]  # every URL the page asked for, its own first
    png: bytes
    pdf: bytes
    dom: str  # document.documentElement.outerHTML after load
    text: str  # document.body.innerText: what a reader sees

    @property
    def problems(self) -> list[ConsoleMessage]:
        """Exceptions, errors and warnings: a clean page has none."""
        return [m for m in self.messages
                if m.source == "exception" or m.level in ("error", "warning", "assert")]

    @property
    def foreign_requests(self) -> list[str]:
        """Requests for anything but the page itself."""
        return [u for u in self.requests if u != self.url]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def render(page: Path, width: int = WIDTH, height: int | None = None, scale: float = 1.0,
           fast_png: bool = True, timeout: float = TIMEOUT) -> Rendered:
    """Load `page`, wait for its fonts, and take everything Rendered holds. The PNG is the
    full page (or its top `height` CSS pixels) at `width` CSS pixels times `scale`; the PDF
    is printed with the page's own @page size (Chromium's default paper is US Letter, so
    an A4 PDF proves the print stylesheet asks for A4). `fast_png` has Chromium encode
    for speed: every row "Up"-filtered, which png_pdf reads at numpy's pace, where the
    compact encoding's Paeth rows take a Python loop each; a picture to keep wants it off."""
    binary = find_chromium()
    if binary is None:
        raise BrowserError(f"no chromium on this machine: {INSTALL_HINT}")
    url = page.resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="jisheng-chromium-") as profile:
        with _Browser(binary, Path(profile), time.monotonic() + timeout) as browser:
            return browser.render(url, width, height, scale, fast_png)


class _Browser:
    def __init__(self, binary: str, profile: Path, deadline: float) -> None:
        self.deadline = deadline
        self.stderr_path = profile / "stderr.txt"
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        commands_r, self._commands = os.pipe()
        self._replies, replies_w = os.pipe()

        def child_fds() -> None:
            # Moved above 4 first, so that one dup2 cannot overwrite the other's source;
            # the copies close at exec, leaving Chromium only its fds 3 and 4.
            r = fcntl.fcntl(commands_r, fcntl.F_DUPFD_CLOEXEC, 10)
            w = fcntl.fcntl(replies_w, fcntl.F_DUPFD_CLOEXEC, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        with self.stderr_path.open("wb") as err:
            self.proc = subprocess.Popen(
                [binary, *FLAGS, f"--user-data-dir={profile / 'data'}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                close_fds=False, preexec_fn=child_fds,
                start_new_session=True)  # its renderers and zygotes share its group id
        os.close(commands_r)
        os.close(replies_w)

    def __enter__(self) -> _Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.proc.poll() is None:
                self._send("Browser.close", {})
                self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)  # the group this Popen started
            self.proc.wait()
        finally:
            os.close(self._commands)
            os.close(self._replies)

    def render(self, url: str, width: int, height: int | None, scale: float, fast_png: bool
               ) -> Rendered:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.call(f"{domain}.enable", {}, session)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": VIEWPORT_HEIGHT, "deviceScaleFactor": scale,
                   "mobile": False}, session)
        self.call("Page.navigate", {"url": url}, session)
        self._wait(lambda m: m.get("method") == "Page.loadEventFired"
                   and m.get("sessionId") == session)
        # Text measured before the CJK fonts load would be laid out in a fallback face.
        self.evaluate("document.fonts.ready.then(() => document.fonts.status)", session)
        size = self.call("Page.getLayoutMetrics", {}, session)["cssContentSize"]
        full = max(float(size["height"]), 1.0)
        clip = {"x": 0, "y": 0, "width": width,
                "height": min(full, float(height)) if height else full, "scale": 1}
        png = self.call("Page.captureScreenshot", {
            "format": "png", "clip": clip, "captureBeyondViewport": True,
            "optimizeForSpeed": fast_png}, session)
        pdf = self.call("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True},
                        session)
        dom = self.evaluate("document.documentElement.outerHTML", session)
        text = self.evaluate("document.body ? document.body.innerText : ''", session)
        return Rendered(url, tuple(_messages(self.events, session)),
                        tuple(_requests(self.events, session)), base64.b64decode(png["data"]),
                        base64.b64decode(pdf["data"]), str(dom), str(text))

    def evaluate(self, expression: str, session: str) -> Any:
        reply = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                               "awaitPromise": True}, session)
        if "exceptionDetails" in reply:
            raise BrowserError(f"{expression!r} threw {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def call(self, method: str, params: dict[str, Any], session: str | None = None
             ) -> dict[str, Any]:
        ident = self._send(method, params, session)
        reply = self._wait(lambda m: m.get("id") == ident)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def _send(self, method: str, params: dict[str, Any], session: str | None = None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            data = data[os.write(self._commands, data):]
        return self._next_id

    def _wait(self, wanted: Any) -> dict[str, Any]:
        """Read messages until one is `wanted`; every other is kept as an event."""
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message: dict[str, Any] = json.loads(raw)
                if wanted(message):
                    return message
                self.events.append(message)
            left = self.deadline - time.monotonic()
            ready = select.select([self._replies], [], [], max(left, 0.0))[0] if left > 0 else []
            if not ready:
                raise BrowserError(f"chromium did not answer in time{self._stderr_tail()}")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise BrowserError(f"chromium exited ({self.proc.poll()}){self._stderr_tail()}")
            self._buffer += chunk

    def _stderr_tail(self) -> str:
        try:
            tail = self.stderr_path.read_text(encoding="utf-8", errors="replace")[-2000:]
        except OSError:
            return ""
        return f"; its stderr ends:\n{tail}"


def _messages(events: list[dict[str, Any]], session: str) -> list[ConsoleMessage]:
    out: list[ConsoleMessage] = []
    for event in events:
        if event.get("sessionId") != session:
            continue
        params = event.get("params", {})
        method = event.get("method")
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            out.append(ConsoleMessage("console", params["type"], text))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text", "")
            out.append(ConsoleMessage("exception", "error", text))
        elif method == "Log.entryAdded":
            entry = params["entry"]
            out.append(ConsoleMessage(entry["source"], entry["level"],
                                      f"{entry['text']} {entry.get('url', '')}".strip()))
    return out


def _requests(events: list[dict[str, Any]], session: str) -> list[str]:
    return [e["params"]["request"]["url"] for e in events
            if e.get("sessionId") == session and e.get("method") == "Network.requestWillBeSent"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.browser.chromium",
                                     description="Render a local HTML file to a PNG.")
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--height", type=int, default=None,
                        help="keep only the top HEIGHT CSS pixels (default: the full page)")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixels per CSS pixel")
    args = parser.parse_args(argv)
    shot = render(args.page, height=args.height, scale=args.scale, fast_png=False)
    for problem in shot.problems:
        print(problem, file=sys.stderr)
    for request in shot.foreign_requests:
        print(f"request: {request}", file=sys.stderr)
    args.png.write_bytes(shot.png)
    return 1 if shot.problems or shot.foreign_requests else 0


if __name__ == "__main__":
    sys.exit(main())
