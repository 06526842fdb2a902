"""Login (throttled) and logout of the auditors' workspace."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
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
    form = LoginForm(request.POST or None)
    error = ""
    status = 200
    address = client_address(request)
    if request.method == "POST" and not form.is_valid():
        # an empty field, a name over 150 characters, a NUL byte: said, not silently redrawn
        error, status = _("Identifiant ou mot de passe manquant ou invalide."), 400
    elif request.method == "POST":
        username = form.cleaned_data["username"]
        if login_blocked(username=username, address=address):
            error, status = BLOCKED, 429
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                login_failure_record(username=username, address=address)
                error = _("Identifiant ou mot de passe incorrect.")
            else:
                login_success_record(username=username, address=address)
                login(request, user)
                target = request.GET.get("next", "")
                if not url_has_allowed_host_and_scheme(  # this site only, never https -> http
                    target, {request.get_host()}, require_https=request.is_secure()
                ):
                    target = ""
                if not target and not user.has_perm(REVIEW):  # the queue would refuse them
                    messages.info(request, NO_REVIEW)
                    return redirect("web:home")
                return redirect(target or "web:review-queue")
    return render(request, "web/login.html", {"form": form, "error": error}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    """POST logs out; GET (a typed or bookmarked address) asks, since a link must not log out."""
    if request.method == "POST":
        logout(request)
        return redirect("web:home")
    if not request.user.is_authenticated:
        return redirect("web:home")
    return render(request, "web/logout.html")
