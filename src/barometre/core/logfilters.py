"""Logging filters named by the settings' LOGGING."""

from __future__ import annotations

import logging


class ClientErrorWarning(logging.Filter):
    """A request for a host name the site does not serve (a scanner, a misdirected DNS name) is
    the client's mistake, answered by a 400: one WARNING line. Django logs it at ERROR with the
    whole stack of the check that refused it, 17 lines that say nothing the message does not,
    and an alert on errors would fire for it. Left out when BAROMETRE_LOG_LEVEL (the root
    logger's level) keeps errors only: Django's own `django` logger lets warnings through."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        if record.levelno > logging.WARNING:
            record.levelno = logging.WARNING
            record.levelname = logging.getLevelName(logging.WARNING)
        return logging.getLogger().isEnabledFor(record.levelno)
