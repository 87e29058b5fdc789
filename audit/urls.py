from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.CatalogChangesView.as_view(), name="changes"),
    path("results/", views.CatalogChangesView.as_view(results_only=True), name="changes_results"),
    path("revert/<uuid:batch>/<int:record_type>/<int:record_id>/", views.RevertView.as_view(),
         name="revert"),
]
