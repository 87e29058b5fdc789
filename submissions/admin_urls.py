from django.urls import path

from . import admin_views

app_name = "submissions_admin"
urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/accept/", admin_views.accept, name="accept"),
    path("<int:pk>/reject/", admin_views.refuse, name="reject"),
    path("<int:pk>/analyse/", admin_views.reanalyse, name="analyse"),
]
