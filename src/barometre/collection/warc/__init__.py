"""WARC files: write rotating, gzipped archives of every response, and read records back.

Layout (docs/crawler.md):
`<WARC_ROOT>/<campaign>/<campaign>-<UTC time>-<host>-<pid>-<serial>.warc.gz`,
each file starting with a `warcinfo` record; each response record is followed by the request
record that produced it (`WARC-Concurrent-To`). An evidence record stores the file (relative to
WARC_ROOT), the offset and length of the response record, and its `WARC-Payload-Digest`.
No Django here: the crawler's child process writes, commands read.
"""

from barometre.collection.warc.check import warc_check
from barometre.collection.warc.headers import (
    BAROMETRE_REFERS_TO_HEADER,
    BAROMETRE_ROLE_HEADER,
    BAROMETRE_SITE_HEADER,
    REVISIT_PROFILE,
)
from barometre.collection.warc.read import (
    ArchivedResponse,
    iter_responses,
    payload_digest,
    read_response,
)
from barometre.collection.warc.write import HttpExchange, Location, WarcArchive

__all__ = [
    "BAROMETRE_REFERS_TO_HEADER",
    "BAROMETRE_ROLE_HEADER",
    "BAROMETRE_SITE_HEADER",
    "REVISIT_PROFILE",
    "ArchivedResponse",
    "HttpExchange",
    "Location",
    "WarcArchive",
    "iter_responses",
    "payload_digest",
    "read_response",
    "warc_check",
]
