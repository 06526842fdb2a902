"""URLs of the API (/api/), the open data downloads (/donnees/) and the PDF (/pdf/)."""

from __future__ import annotations

from django.urls import path, re_path

from barometre.api import views_elections as elections
from barometre.api import views_files as files
from barometre.api import views_programmes as programmes
from barometre.api import views_referential as referential
from barometre.api import views_results as results
from barometre.api.openapi import api_index_redirect, api_index_view, openapi_view

urlpatterns = [
    path("api/openapi.json", openapi_view, name="api-openapi"),
    path("api/v1/", api_index_view, name="api-index"),
    path("api/v1", api_index_redirect, name="api-index-redirect"),
    path("api/v1/communes", referential.communes, name="api-communes"),
    path("api/v1/communes/<str:code>", referential.commune, name="api-commune"),
    path("api/v1/services", referential.services, name="api-services"),
    path("api/v1/campaigns", referential.campaigns, name="api-campaigns"),
    path("api/v1/campaigns/<str:name>", referential.campaign, name="api-campaign"),
    path("api/v1/cells", results.cells, name="api-cells"),
    path("api/v1/scores", results.scores, name="api-scores"),
    path("api/v1/comparisons", results.comparisons, name="api-comparisons"),
    path(
        "api/v1/comparisons/communes",
        results.comparison_communes,
        name="api-comparison-communes",
    ),
    path("api/v1/programmes", programmes.programmes, name="api-programmes"),
    path("api/v1/programmes/<str:id>", programmes.programme, name="api-programme"),
    path("api/v1/elections", elections.elections, name="api-elections"),
    path("api/v1/elections/<str:year>", elections.election, name="api-election"),
    path("api/v1/themes", programmes.themes, name="api-themes"),
    path("donnees/<str:campaign>/<str:name>", files.download, name="opendata-file"),
    path(
        "donnees/enquete/<str:campaign>/<str:name>",
        files.survey_download,
        name="opendata-survey-file",
    ),
    # any other address under /donnees/ (a folder, a missing file name): the same plain-text 404
    re_path(r"^donnees/(?P<rest>.*)$", files.unknown_address, name="opendata-unknown"),
    path("pdf/campagne/<str:campaign>.pdf", files.campaign_pdf_view, name="pdf-campaign"),
    path("pdf/commune/<str:campaign>/<str:code>.pdf", files.commune_pdf_view, name="pdf-commune"),
]
