from django.urls import path

from trellis.support import views

app_name = "support"
urlpatterns = [
    path("orgs/<int:pk>/", views.org_engagements, name="org_engagements"),
    path("orgs/<int:pk>/new/", views.create, name="create"),
    path("orgs/<int:pk>/feedback/", views.provider_feedback, name="provider_feedback"),
    path("engagements/<int:pk>/", views.detail, name="detail"),
    path("engagements/<int:pk>/activities/", views.activity_add, name="activity_add"),
    path("engagements/<int:pk>/close/", views.close, name="close"),
    path("engagements/<int:pk>/feedback/", views.feedback, name="feedback"),
]
