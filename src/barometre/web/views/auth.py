"""Login (throttled) and logout of the auditors' workspace."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from barometre.accounts.roles import REVIEW
from barometre.web.forms import LoginForm
from barometre.web.throttle import (
    client_address,
    login_blocked,
    login_failure_record,
    login_success_record,
)

BLOCKED = _(
    "Trop de tentatives de connexion échouées : réessayez dans quelques minutes "
    "ou demandez à un administrateur de vérifier votre compte."
)

NO_REVIEW = _(
    "Vous êtes connecté, mais votre compte n'a pas de rôle dans l'espace des auditeurs : "
    "demandez à un administrateur de vous en donner un."
)


def login_view(request: HttpRequest) -> HttpResponse:
    """The login form; a valid name and password sign in and go on to the page asked for."""
    form = LoginForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST":
        user, error, status = _authenticated(request, form)
        if user is not None:
            return _signed_in(request, user)
    return render(request, "web/login.html", {"form": form, "error": error}, status=status)


def _authenticated(request: HttpRequest, form: LoginForm) -> tuple[User | None, str, int]:
    """The user the posted form names, counted as a success; or None with why, counted as a
    failure, and the status to answer with (a blocked name or address is not even tried)."""
    if not form.is_valid():
        # an empty field, a name over 150 characters, a NUL byte: said, not silently redrawn
        return None, _("Identifiant ou mot de passe manquant ou invalide."), 400
    username = form.cleaned_data["username"]
    address = client_address(request)
    if login_blocked(username=username, address=address):
        return None, BLOCKED, 429
    user = authenticate(request, username=username, password=form.cleaned_data["password"])
    if user is None:
        login_failure_record(username=username, address=address)
        return None, _("Identifiant ou mot de passe incorrect."), 200
    login_success_record(username=username, address=address)
    return user, "", 200


def _signed_in(request: HttpRequest, user: User) -> HttpResponse:
    """Sign the user in and go to the page asked for, else the review queue; an account
    without a review role goes home, told why (the queue would refuse it)."""
    login(request, user)
    target = _next_page(request)
    if not target and not user.has_perm(REVIEW):
        messages.info(request, NO_REVIEW)
        return redirect("web:home")
    return redirect(target or "web:review-queue")


def _next_page(request: HttpRequest) -> str:
    """The `next` page asked for: this site only, never from https to http; else ""."""
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@require_http_methods(["GET", "HEAD", "POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    """POST logs out; GET (a typed or bookmarked address) asks, since a link must not log out."""
    if request.method == "POST":
        logout(request)
        return redirect("web:home")
    if not request.user.is_authenticated:
        return redirect("web:home")
    return render(request, "web/logout.html")
