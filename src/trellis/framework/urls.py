from django.urls import path

from trellis.framework import views

app_name = "framework"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/<str:version>/search/", views.search_view, name="search"),
    path("<slug:slug>/<str:version>/levels/<slug:level_id>/", views.level, name="level"),
    path("<slug:slug>/<str:version>/conditions/<str:condition_id>/", views.condition, name="condition"),
    path("<slug:slug>/<str:version>/elements/<str:element_id>/", views.element, name="element"),
    path("<slug:slug>/<str:version>/capacities/<str:capacity_id>/", views.capacity, name="capacity"),
]
