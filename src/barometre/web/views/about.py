"""Pages about the site itself: the accessibility statement the footer links to."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (loi n° 2005-102, article 47; RGAA 4.1): its status is
    « non conforme » while no audit has measured the criteria."""
    return render(request, "web/accessibility.html", {"contact": settings.CRAWL_CONTACT_URL})
