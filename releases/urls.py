from django.urls import path

from . import views

app_name = "releases"
urlpatterns = [
    path("calendar/", views.month_view, name="month_current"),
    path("calendar/<int:year>/<int:month>/", views.month_view, name="month"),
    path("calendar/upcoming/", views.upcoming, name="upcoming"),
    path("calendar/artist/<slug:slug>/", views.artist_view, name="artist"),
    path("calendar/artist/<slug:slug>.ics", views.artist_ics, name="artist_ics"),
    path("calendar/follow/", views.follow, name="follow"),
    path("calendar.ics", views.calendar_ics, name="ics"),
]
