"""Logging filters named by the settings' LOGGING."""

from __future__ import annotations

import logging


class WithoutTraceback(logging.Filter):
    """Keep a record's message, drop its traceback: Django logs a request for a host name the
    site does not serve (a scanner, a misdirected DNS name) with the whole stack of the check
    that refused it, 17 lines that say nothing the message does not."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True
