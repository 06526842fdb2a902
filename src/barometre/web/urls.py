"""Routes of the web observatory (French paths)."""

from __future__ import annotations

from django.urls import path, register_converter

from barometre.web.views import (
    about,
    arbitration,
    auth,
    coding,
    commune,
    commune_csv,
    open_data,
    programmes,
    programmes_files,
    public,
    review,
    review_queue,
)


class FileName:
    """A file's name, with its extension (`datapackage.json`): not `demonstration`, which
    without its slash is redirected to the folder (APPEND_SLASH) rather than named a file."""

    regex = r"[^/]+\.[a-z]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FileName, "file")

app_name = "web"

urlpatterns = [
    path("", public.home, name="home"),
    path("recherche/", public.search, name="search"),
    path("campagne/<str:name>/", public.overview, name="overview"),
    path("campagne/<str:name>/tableau/<slug:chart>.csv", public.chart_table, name="chart-table"),
    path("campagne/<str:name>/classement/", public.ranking, name="ranking"),
    path("campagne/<str:name>/carte-de-chaleur/", public.heatmap, name="heatmap"),
    path("campagne/<str:name>/service/<slug:slug>/", public.service, name="service"),
    path("campagne/<str:name>/domaine/<slug:domain>/", public.domain, name="domain"),
    path("campagne/<str:name>/methodologie/", public.methodology, name="methodology"),
    path("commune/<str:code>/", commune.commune, name="commune"),
    path("commune/<str:code>/<str:name>.csv", commune_csv.commune_csv, name="commune-csv"),
    path("preuve/<int:pk>/", commune.evidence, name="evidence"),
    path("preuve/<int:pk>/archive/", commune.evidence_raw, name="evidence-raw"),
    path("preuve/<int:pk>/style/", commune.evidence_style, name="evidence-style"),
    path("programmes/", programmes.programmes_home, name="programmes"),
    path("programmes/<int:election>/", programmes.programmes_election, name="programmes-election"),
    path(
        "programmes/<int:election>/demonstration/",
        programmes.programmes_election_demo,
        name="programmes-election-demo",
    ),
    path(
        "programmes/<int:election>/donnees.zip",
        programmes_files.programmes_opendata,
        name="programmes-opendata",
    ),
    path(
        "programmes/<int:election>/demonstration/donnees.zip",
        programmes_files.programmes_opendata_demo,
        name="programmes-opendata-demo",
    ),
    path(
        "programmes/<int:election>/rapport.<str:fmt>",
        programmes_files.programmes_file,
        name="programmes-file",
    ),
    path(
        "programmes/<int:election>/demonstration/rapport.<str:fmt>",
        programmes_files.programmes_file_demo,
        name="programmes-file-demo",
    ),
    # every other file of an election's package (after rapport.<fmt>, which this also matches)
    path(
        "programmes/<int:election>/<file:name>",
        programmes_files.programmes_opendata_file,
        name="programmes-opendata-file",
    ),
    path(
        "programmes/<int:election>/demonstration/<file:name>",
        programmes_files.programmes_opendata_file_demo,
        name="programmes-opendata-file-demo",
    ),
    path("accessibilite/", about.accessibility, name="accessibility"),
    path("donnees-ouvertes/", open_data.open_data, name="open-data"),
    path("connexion/", auth.login_view, name="login"),
    path("deconnexion/", auth.logout_view, name="logout"),
    path("revue/", review_queue.queue, name="review-queue"),
    path("revue/cellule/<int:pk>/", review.cell, name="review-cell"),
    path("revue/double-codage/", coding.codings, name="review-codings"),
    path("revue/double-codage/<int:pk>/", coding.coding, name="review-coding"),
    path("revue/arbitrage/", arbitration.arbitration, name="review-arbitration"),
    path(
        "revue/arbitrage/redistribuer/",
        arbitration.arbitration_reassign,
        name="review-arbitration-reassign",
    ),
]
