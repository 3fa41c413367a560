from django.urls import path

from trellis.surveys import results_views, views

app_name = "surveys"
urlpatterns = [
    path("surveys/", views.index, name="index"),
    path("surveys/new/<int:org>/", views.window_new, name="window_new"),
    path("surveys/<int:pk>/", views.window, name="window"),
    path("surveys/<int:pk>/roster/", views.roster, name="roster"),
    path("surveys/<int:pk>/send/", views.send, name="send"),
    path("surveys/<int:pk>/codes/", views.codes, name="codes"),
    path("surveys/<int:pk>/close/", views.close, name="close"),
    path("surveys/results/<int:pk>/", results_views.results, name="results"),
    path("surveys/results/<int:pk>/export.<str:fmt>", results_views.export, name="results_export"),
    # Public, token-gated: taking a survey.
    path("s/resume/", views.resume, name="resume"),
    path("s/a/<str:code>/", views.anonymous_start, name="anonymous_start"),
    path("s/<str:token>/", views.take, name="take"),
    path("s/<str:token>/done/", views.done, name="done"),
    path("s/<str:token>/<int:number>/", views.page, name="page"),
]
