from django.urls import path

from trellis.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("import/", views.import_file, name="import"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/people/", views.people, name="people"),
]
