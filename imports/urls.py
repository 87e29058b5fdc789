from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("batch/<str:batch>/", views.batch, name="batch"),
    path("<int:pk>/", views.review, name="review"),
    path("proposal/<int:pk>/", views.decide, name="decide"),
]
