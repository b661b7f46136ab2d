"""The driver of a browser tab's cockpit under `golive serve`.

textual-serve talks to each tab's app process through its stdin and stdout. Textual's
WebDriver stops reading when stdin ends but leaves the app running (seen spinning at 95 %
of a core after the server had gone). Here the end of stdin ends the app: a closed tab, a
dropped connection and a stopped (or killed) server all close that pipe.
"""

from __future__ import annotations

from textual import messages
from textual.drivers.web_driver import WebDriver


class ServedDriver(WebDriver):
    def run_input_thread(self) -> None:
        try:
            super().run_input_thread()
        finally:
            # post_message is thread-safe; on an ordinary quit the app is already leaving
            self._app.post_message(messages.ExitApp())
