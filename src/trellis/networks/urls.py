from django.urls import path

from trellis.networks import views

app_name = "networks"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/library/", views.library, name="library"),
    path("<int:pk>/library/new/", views.library_add, name="library_add"),
    path("<int:pk>/convenings/new/", views.convening_create, name="convening_create"),
    path("convenings/<int:pk>/", views.convening, name="convening"),
    path("convenings/<int:pk>/consultancies/", views.consultancy_add, name="consultancy_add"),
]
