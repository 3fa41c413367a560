from django.urls import path

from trellis.assessments import views

app_name = "assessments"
urlpatterns = [
    path("start/<int:org_pk>/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/rate/<str:item_id>/", views.rate_item, name="rate_item"),
    path("<int:pk>/consensus/", views.consensus, name="consensus"),
    path("<int:pk>/consensus/<str:item_id>/", views.consensus_item, name="consensus_item"),
    path("<int:pk>/evidence/<int:file_pk>/", views.evidence, name="evidence"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/share/", views.share, name="share"),
    path("<int:pk>/export/<str:fmt>/", views.export, name="export"),
    path("reciprocal/start/<int:org_pk>/", views.reciprocal_start, name="reciprocal_start"),
    path("reciprocal/<int:pk>/", views.reciprocal, name="reciprocal"),
]
