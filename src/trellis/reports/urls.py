from django.urls import path

from trellis.reports import views

app_name = "reports"
urlpatterns = [
    path("state/", views.state, name="state"),
    path("region/<int:pk>/", views.region, name="region"),
    path("org/<int:pk>/", views.profile, name="profile"),
    path("org/<int:pk>/pdf/", views.profile_pdf, name="profile_pdf"),
]
