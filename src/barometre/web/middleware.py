"""Security headers on every response of the application's origin.

The default Content-Security-Policy allows only this origin's scripts and styles. Pages with
Vega charts set `request.csp_allow_eval` (Vega compiles its expressions with `Function`).
Archived pages are served by their own view with a stricter policy (`sandbox`), kept as is.

A request whose address or query string holds a NUL character is refused (400) before any view
runs: PostgreSQL cannot compare text with NUL, so a lookup such as `/commune/%00/` raised an
error there (a 500) while SQLite answered. Posted forms are left to their views, whose forms
refuse NUL field by field and show the form again.

The interface speaks French unless the reader chose another language with the header's language
selector (Django's `set_language`, which keeps the choice in a cookie). The browser's
Accept-Language is not read: an observatory's pages and figures read the same for everyone
until they ask otherwise, and French is the language of the source and the method.

A request whose Content-Type names a charset is decoded with it, whatever codec Python has of
that name: "unicode_escape" or "utf-7" turn « %5Cud800 » or « +2AA- » into a lone surrogate,
which no database nor page can encode, and "base64" or "idna" fail to decode at all: each was a
500. Only UTF-8 and the usual Western single-byte encodings are read; any other is a 400 said
in French, before anything reads the fields.

A page asked with a method its forms never send (PUT, PATCH, DELETE…) is a 405 with an Allow
header before the CSRF check runs, which would otherwise call it an expired form (403). The
API's views (exempt from that check) answer their own methods.
"""

from __future__ import annotations

import codecs
import inspect
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_header_parameters

from barometre.web.views.errors import bad_request, method_not_allowed, unreadable_charset

DEFAULT_POLICY = (
    "default-src 'self'; script-src 'self'{eval}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; frame-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


# Codecs (by codecs.lookup name) that decode any bytes to characters only, never a surrogate
READABLE_CHARSETS = frozenset({"utf-8", "ascii", "iso8859-1", "iso8859-15", "cp1252"})


REFUSED_CHARSET = "barometre.refused_charset"  # WSGI environ key set by `charset_guard`


def _readable(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name in READABLE_CHARSETS
    except LookupError:  # a name Python does not know: Django ignores it and reads UTF-8
        return True


def charset_guard(app: Callable[..., Any]) -> Callable[..., Any]:
    """WSGI wrapper: Django builds the request with the Content-Type's charset before any
    middleware runs, and a codec that is no text encoding ("base64", "rot13", "idna") fails
    there. A charset the site does not read is taken out of CONTENT_TYPE (its other
    parameters, a multipart boundary, stay) and kept aside for `refuse_nul` to refuse."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        main, params = parse_header_parameters(environ.get("CONTENT_TYPE", ""))
        charset = params.get("charset")
        if charset is not None and not _readable(charset):
            kept = [main] + [f'{k}="{v}"' for k, v in params.items() if k != "charset"]
            environ = {**environ, "CONTENT_TYPE": "; ".join(kept), REFUSED_CHARSET: charset}
        return app(environ, start_response)

    return guarded


def head_without_body(app: Callable[..., Any]) -> Callable[..., Any]:
    """WSGI wrapper: the answer to HEAD has the headers of GET's and no body (RFC 9110).

    Django writes the body all the same (its test client and development server drop it);
    gunicorn drops it too, but logs each time a WARNING "WSGI app sent body bytes on a no-body
    response", so a monitor that checks the site with HEAD filled the error log. The body is
    not even read: a streamed file stops before its first row."""

    def answered(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        result = app(environ, start_response)
        if environ.get("REQUEST_METHOD") != "HEAD":
            return result
        if hasattr(result, "close"):  # Django's end of request (database connections)
            result.close()
        return []

    return answered


def _unreadable_charset(request: HttpRequest) -> str | None:
    """The charset the request declares when the site does not decode with it, else None."""
    if refused := request.META.get(REFUSED_CHARSET):
        return str(refused)
    charset = request.encoding  # set by Django from the Content-Type's charset, if it exists
    return None if charset is None or _readable(charset) else charset


def _holds_nul(request: HttpRequest) -> bool:
    if request.path.startswith("/api/"):
        return False  # the API checks its own parameters and names the bad one (api.params)
    return "\x00" in request.path or any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


def refuse_nul(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., object]:
    def middleware(request: HttpRequest) -> HttpResponse:
        if (charset := _unreadable_charset(request)) is not None:
            request.encoding = "utf-8"  # the error page may read the fields: in UTF-8
            return unreadable_charset(request, charset)
        if _holds_nul(request):
            return bad_request(request)
        response = get_response(request)
        if response.status_code == 405 and not response.content:  # Django's empty 405
            page = method_not_allowed(request, response.get("Allow", ""))
            if "Cache-Control" in response:  # a PDF's no-store (api.views_files)
                page["Cache-Control"] = response["Cache-Control"]
            return page
        return response

    return middleware


# the methods the CSRF check lets through (RFC 9110's safe ones) and the forms' POST
_PAGE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "POST"})


def view_methods(view: Callable[..., Any]) -> str:
    """The methods `view` accepts, as an Allow header: its `require_http_methods` (or
    `require_safe`) list, read from that decorator's closure (Django's name for it;
    tests/web/test_errors.py notices a rename); a view without one answers GET, HEAD and POST
    (it reads any other method as a GET)."""
    wrapped: Any = view
    while inspect.isfunction(wrapped):
        listed = inspect.getclosurevars(wrapped).nonlocals.get("request_method_list")
        if listed is not None:
            return ", ".join(listed)
        wrapped = getattr(wrapped, "__wrapped__", None)
    return "GET, HEAD, POST"


class PageMethods:
    """405 for a method no page form sends, before CsrfViewMiddleware's 403 (process_view)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], *args: object
    ) -> HttpResponse | None:
        if request.method in _PAGE_METHODS or getattr(view, "csrf_exempt", False):
            return None
        return method_not_allowed(request, view_methods(view))


def security_headers(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., object]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if "Content-Security-Policy" not in response:
            allow_eval = getattr(request, "csp_allow_eval", False)
            response["Content-Security-Policy"] = DEFAULT_POLICY.format(
                eval=" 'unsafe-eval'" if allow_eval else ""
            )
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


# the API and the open data files answer in French whatever the reader chose (docs/api.md,
# docs/opendata.md): with the reader's English, an unknown API address answered in English among
# French errors, and every French answer said « Content-Language: en »
_FRENCH_ONLY = ("/api/", "/donnees/")
# an election's programme package, served as the files of /donnees/ (api.downloads)
_PROGRAMME_PACKAGE = re.compile(r"/programmes/\d+/(demonstration/)?donnees\.zip")


def _french_only(path: str) -> bool:
    return path.startswith(_FRENCH_ONLY) or _PROGRAMME_PACKAGE.fullmatch(path) is not None


def chosen_language(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., object]:
    """Activate the language the reader chose (its cookie), else French, for the request;
    French under /api/ and /donnees/ and for a programme package, which do not vary with the
    reader."""
    known = {code for code, _name in settings.LANGUAGES}

    def middleware(request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        french_only = _french_only(request.path)
        language = chosen if chosen in known and not french_only else settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
            response = get_response(request)
            response.headers.setdefault("Content-Language", language)
            if not french_only:
                # a shared cache must not give one reader's language to another
                patch_vary_headers(response, ("Cookie",))
            return response

    return middleware
