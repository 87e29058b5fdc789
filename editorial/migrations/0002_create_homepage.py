"""Replace Wagtail's placeholder "Welcome" page with our home page, so a fresh install has one."""
from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("editorial.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    if HomePage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="editorial")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="Deep Cuts", draft_title="Deep Cuts", slug="home", content_type=content_type,
        path="00010001", depth=2, numchild=0, url_path="/home/", locale=locale,
        intro="Music videos, the people who make them, and what they quote.",
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Deep Cuts"},
    )
    Page.objects.filter(depth=1).update(numchild=Page.objects.filter(depth=2).count())


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
