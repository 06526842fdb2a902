"""WSGI entry point for gunicorn (docs/web.md); `barometre serve` runs it too
(settings.WSGI_APPLICATION)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings_production")
_django = get_wsgi_application()

from barometre.core.cachekey import code_fingerprint  # noqa: E402 (once the apps are loaded)
from barometre.web.middleware import charset_guard, head_without_body  # noqa: E402
from barometre.web.serving import static_files_check, warc_root_check_at_start  # noqa: E402

static_files_check()  # no start without collectstatic's manifest (production settings)
warc_root_check_at_start()  # nor with a WARC folder the evidence pages cannot read
# The shared cache's keys carry a digest of the code: taken now, from the files this process
# loaded, not at its first use of the cache. A worker still running the old code after an upgrade
# was installed (before the restart) would otherwise file the old code's results under the new
# code's keys, and the workers of one server would not share their login failure counts.
code_fingerprint()

application = head_without_body(charset_guard(_django))
