"""URL configuration. The web platform will live under barometre.web; none is served yet."""

urlpatterns: list[object] = []
