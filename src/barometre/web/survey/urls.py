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
    path("coordination/<str:key>/", coordination.coordination, name="coordination"),
]
