"""URL configuration: the public pages and workspace (barometre.web) and the Django admin."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from barometre.web.views import robots

admin.site.site_header = "barometre — administration"
admin.site.site_title = "barometre"

urlpatterns = [
    path("robots.txt", robots.robots_txt, name="robots-txt"),
    path("favicon.ico", robots.favicon, name="favicon"),
    # the admin's own login form counts no failures: its users log in through the site's
    # throttled one (barometre.web.throttle), which brings them back to the admin (?next=)
    path("admin/login/", RedirectView.as_view(pattern_name="web:login", query_string=True)),
    path("admin/", admin.site.urls),
    # the header's language selector posts here (the choice is kept in a cookie)
    path("langue/", set_language, name="set_language"),
    path("enquete/", include("barometre.web.survey.urls")),
    path("", include("barometre.api.urls")),
    path("", include("barometre.web.urls")),
]

handler400 = "barometre.web.views.errors.bad_request"
handler403 = "barometre.web.views.errors.permission_denied"
handler404 = "barometre.web.views.errors.page_not_found"
handler500 = "barometre.web.views.errors.server_error"
