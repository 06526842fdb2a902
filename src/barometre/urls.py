"""URL configuration: the public pages and workspace (barometre.web) and the Django admin."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "barometre — administration"
admin.site.site_title = "barometre"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("enquete/", include("barometre.web.survey.urls")),
    path("", include("barometre.api.urls")),
    path("", include("barometre.web.urls")),
]
