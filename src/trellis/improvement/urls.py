from django.urls import path

from trellis.improvement.views import cycles, measures, projects

app_name = "improvement"
urlpatterns = [
    path("", projects.my_projects, name="mine"),
    path("new/<int:org_pk>/", projects.project_new, name="new"),
    path("aim-check/", projects.aim_check, name="aim_check"),
    path("<int:pk>/", projects.project_detail, name="project"),
    path("<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("<int:pk>/team/", projects.team, name="team"),
    path("<int:pk>/sharing/", projects.sharing, name="sharing"),
    path("<int:pk>/root-causes/", projects.root_causes, name="root_causes"),
    path("<int:pk>/drivers/", projects.drivers, name="drivers"),
    path("<int:pk>/measures/new/", measures.measure_new, name="measure_new"),
    path("<int:pk>/pdsa/new/", cycles.pdsa_new, name="pdsa_new"),
    path("measures/<int:pk>/", measures.measure_detail, name="measure"),
    path("measures/<int:pk>/edit/", measures.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/data/", measures.measure_data, name="measure_data"),
    path("measures/<int:pk>/notes/", measures.measure_note, name="measure_note"),
    path("pdsa/<int:pk>/", cycles.pdsa_detail, name="pdsa"),
    path("pdsa/<int:pk>/edit/", cycles.pdsa_edit, name="pdsa_edit"),
]
