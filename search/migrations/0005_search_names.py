# The search box's "name starts with" as a range of one index (see models.SearchName), filled
# from the entries already indexed, so an existing index needs no rebuild.

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    alias = schema_editor.connection.alias
    SearchEntry = apps.get_model("sitesearch", "SearchEntry")
    SearchName = apps.get_model("sitesearch", "SearchName")
    batch = []
    for pk, folded in SearchEntry.objects.using(alias).values_list("id", "names_folded").iterator(5000):
        batch += [SearchName(entry_id=pk, name=name) for name in folded.split("|") if name]
        if len(batch) >= 5000:
            SearchName.objects.using(alias).bulk_create(batch)
            batch = []
    SearchName.objects.using(alias).bulk_create(batch)


class Migration(migrations.Migration):

    dependencies = [
        ('sitesearch', '0004_kind_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchName',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.TextField()),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='names', to='sitesearch.searchentry')),
            ],
            options={
                'verbose_name': 'search name',
                'verbose_name_plural': 'search names',
                'indexes': [models.Index(fields=['name', 'entry'], name='sitesearch_name_start', opclasses=['text_pattern_ops', 'int8_ops'])],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
