"""URL configuration. The web platform lives under barometre.web."""

from django.urls import include, path

urlpatterns: list[object] = [
    path("enquete/", include("barometre.web.survey.urls")),
]
