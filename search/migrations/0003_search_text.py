# Tokens move to their own table (SearchText) and entry ids to one block per kind: ranking a
# window of matches then reads short rows, and a kind is an id range the full-text index seeks.

import django.db.models.deletion
from django.db import migrations, models

ID_BLOCK = 10**12
KINDS = ["person", "music_video", "article", "album", "song", "film", "series"]
# PostgreSQL's generated columns as this migration creates them.
HEAD = "sitesearch_tsvector(title_tokens, 'A') || sitesearch_tsvector(key_tokens, 'B')"
PG_COLUMNS = {
    "head": HEAD,
    "document": f"{HEAD} || sitesearch_tsvector(facets, 'C') || sitesearch_tsvector(body_tokens, 'D')",
}


def drop_old_full_text(apps, schema_editor):
    from search.backends import backend_for

    backend = backend_for(schema_editor.connection)
    if backend.vendor == "sqlite":
        backend.uninstall()
    else:
        backend.uninstall(table="sitesearch_searchentry", columns=("head", "document"))


def move_tokens(apps, schema_editor):
    """Entry ids into their kind's block, tokens into the new table, facets without the kind."""
    blocks = " ".join(f"WHEN '{kind}' THEN {(len(KINDS) - position) * ID_BLOCK}"
                      for position, kind in enumerate(KINDS))
    schema_editor.execute(f"UPDATE sitesearch_searchentry SET id = id + CASE kind {blocks} ELSE 0 END")
    schema_editor.execute(
        "INSERT INTO sitesearch_searchtext (entry_id, title_tokens, key_tokens, body_tokens, facets) "
        "SELECT id, title_tokens, key_tokens, body_tokens, TRIM("
        " CASE WHEN language <> '' THEN 'l:' || language || ' ' ELSE '' END"
        " || CASE WHEN section <> '' THEN 's:' || section || ' ' ELSE '' END"
        " || CASE WHEN year IS NOT NULL THEN 'y:' || CAST(year AS VARCHAR(4)) ELSE '' END)"
        " FROM sitesearch_searchentry")


def install_full_text(apps, schema_editor):
    from search.backends import backend_for

    backend = backend_for(schema_editor.connection)
    if backend.vendor == "sqlite":
        backend.install(table="sitesearch_searchtext", rowid="entry_id",
                        columns=("title_tokens", "key_tokens", "body_tokens", "facets"))
    else:
        backend.install(table="sitesearch_searchtext", columns=PG_COLUMNS)


class Migration(migrations.Migration):

    dependencies = [
        ('sitesearch', '0002_facets'),
    ]

    operations = [
        migrations.RunPython(drop_old_full_text, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='searchentry',
            name='id',
            field=models.BigIntegerField(primary_key=True, serialize=False),
        ),
        migrations.RemoveIndex(
            model_name='searchentry',
            name='sitesearch__kind_3ba7b0_idx',
        ),
        migrations.CreateModel(
            name='SearchText',
            fields=[
                ('entry', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='text', serialize=False, to='sitesearch.searchentry')),
                ('title_tokens', models.TextField(blank=True)),
                ('key_tokens', models.TextField(blank=True)),
                ('body_tokens', models.TextField(blank=True)),
                ('facets', models.CharField(blank=True, max_length=200)),
            ],
            options={
                'verbose_name': 'search text',
                'verbose_name_plural': 'search texts',
            },
        ),
        migrations.RunPython(move_tokens, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='searchentry',
            name='body_tokens',
        ),
        migrations.RemoveField(
            model_name='searchentry',
            name='facets',
        ),
        migrations.RemoveField(
            model_name='searchentry',
            name='key_tokens',
        ),
        migrations.RemoveField(
            model_name='searchentry',
            name='title_tokens',
        ),
        migrations.RunPython(install_full_text, migrations.RunPython.noop),
    ]
