# PostgreSQL indexes `document` per kind instead of all at once (see
# PostgresBackend.install_kind_indexes); SQLite's FTS5 seeks a kind's id range by itself.

from django.db import migrations


def install(apps, schema_editor):
    from search.backends import backend_for

    backend = backend_for(schema_editor.connection)
    if backend.vendor == "postgresql":
        backend.install_kind_indexes()
        schema_editor.execute("DROP INDEX IF EXISTS sitesearch_document_gin")


def uninstall(apps, schema_editor):
    from search.backends import backend_for

    backend = backend_for(schema_editor.connection)
    if backend.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS sitesearch_document_gin ON sitesearch_searchtext "
                              "USING gin (document)")
        backend.uninstall_kind_indexes()


class Migration(migrations.Migration):

    dependencies = [
        ('sitesearch', '0003_search_text'),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
    ]
