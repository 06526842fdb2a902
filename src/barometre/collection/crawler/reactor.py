"""The installed Twisted reactor, typed by what the crawl uses of it.

`twisted.internet.reactor` is a module replaced by the reactor at install time, and the reactor
classes' methods carry no annotations; this Protocol states the calls the crawl makes, so that
they are checked (Scrapy installs the asyncio reactor, crawler/settings.py and inline.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast


class DelayedCall(Protocol):
    def active(self) -> bool: ...

    def cancel(self) -> None: ...


class Reactor(Protocol):
    def callLater(  # noqa: N802 - Twisted's name
        self, delay: float, callable: Callable[..., object], *args: object
    ) -> DelayedCall: ...

    def callFromThread(self, callable: Callable[..., object], *args: object) -> None: ...  # noqa: N802

    def run(self, installSignalHandlers: bool = True) -> None: ...  # noqa: N803

    def stop(self) -> None: ...


def installed_reactor() -> Reactor:
    """The reactor of this process (importing it installs the default one if none is)."""
    from twisted.internet import reactor

    return cast(Reactor, reactor)
