"""URL configuration. The web platform will live under barometre.web; none is served yet."""

from django.urls import include, path

urlpatterns: list[object] = [path("", include("barometre.api.urls"))]
