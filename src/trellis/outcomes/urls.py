from django.urls import path

from trellis.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("import/", views.import_file, name="import"),
    path("state/", views.statewide, name="statewide"),
    path("org/<int:pk>/", views.organization, name="organization"),
    path("org/<int:pk>/section/", views.organization_section, name="section"),
    path("org/<int:pk>/assistance/", views.da_list, name="da_list"),
    path("result/<int:pk>/", views.explain, name="explain"),
]
