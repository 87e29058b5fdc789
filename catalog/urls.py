from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("videos/<slug:slug>/", views.video_detail, name="video"),
    path("works/<slug:slug>/", views.work_detail, name="work"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
]
