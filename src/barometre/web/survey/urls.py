from django.urls import path

from barometre.web.survey import coordination, views

app_name = "survey"
urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("j/<str:token>/", views.start_with_token, name="token"),
    path("c/<str:key>/", views.start_with_link, name="shared"),
    path("repondre/", views.who, name="who"),
    path("repondre/<int:step>/", views.axis_page, name="axis"),
    path("merci/", views.thanks, name="thanks"),
    path("rapport/<str:name>/", views.report, name="report"),
    path("rapport/<str:name>/pdf/", views.report_download, {"fmt": "pdf"}, name="report_pdf"),
    path("rapport/<str:name>/csv/", views.report_download, {"fmt": "csv"}, name="report_csv"),
    path("rapport/<str:name>/c/<str:code>/", views.report_unit, name="report_unit"),
    path(
        "rapport/<str:name>/c/<str:code>/pdf/",
        views.report_download,
        {"fmt": "pdf"},
        name="report_unit_pdf",
    ),
    path("coordination/<str:key>/", coordination.coordination, name="coordination"),
]
