"""Stable UIDs for feeds, the days an event can fall on, sources for accepted facts, drafts."""
import calendar
import uuid
from datetime import date

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import releases.models


def fill_new_fields(apps, schema_editor):
    ReleaseEvent = apps.get_model("releases", "ReleaseEvent")
    for event in ReleaseEvent.objects.all():
        if event.day:
            first = last = date(event.year, event.month, event.day)
        elif event.month:
            first = date(event.year, event.month, 1)
            last = date(event.year, event.month, calendar.monthrange(event.year, event.month)[1])
        else:
            first, last = date(event.year, 1, 1), date(event.year, 12, 31)
        event.uid, event.first_day, event.last_day = uuid.uuid4().hex, first, last
        event.save(update_fields=["uid", "first_day", "last_day"])


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0003_updated_at'),
        ('releases', '0001_initial'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='releaseevent',
            options={'ordering': ['first_day', 'last_day', models.OrderBy(models.F('time'), nulls_first=True), 'pk'], 'verbose_name': 'release event', 'verbose_name_plural': 'release events'},
        ),
        migrations.AddField(
            model_name='releaseevent',
            name='first_day',
            field=models.DateField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name='releaseevent',
            name='last_day',
            field=models.DateField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name='releaseevent',
            name='uid',
            field=models.CharField(null=True, editable=False, max_length=64),
        ),
        migrations.RunPython(fill_new_fields, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='releaseevent',
            name='first_day',
            field=models.DateField(editable=False),
        ),
        migrations.AlterField(
            model_name='releaseevent',
            name='last_day',
            field=models.DateField(editable=False),
        ),
        migrations.AlterField(
            model_name='releaseevent',
            name='uid',
            field=models.CharField(default=releases.models.new_uid, editable=False, max_length=64, unique=True),
        ),
        migrations.AddField(
            model_name='releaseevent',
            name='is_published',
            field=models.BooleanField(default=True, help_text="Untick to keep the event to editors, e.g. while a reader's tip is checked.", verbose_name='shown on the calendar'),
        ),
        migrations.AddField(
            model_name='releaseevent',
            name='source_article',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='source article'),
        ),
        migrations.AddField(
            model_name='releaseevent',
            name='source_quote',
            field=models.TextField(blank=True, verbose_name='quoted sentence'),
        ),
        migrations.AlterField(
            model_name='releaseevent',
            name='artists',
            field=models.ManyToManyField(blank=True, help_text="Left empty, the work's artists are used.", related_name='release_events', to='catalog.person', verbose_name='artists'),
        ),
        migrations.AlterField(
            model_name='releaseevent',
            name='note',
            field=models.TextField(blank=True, help_text='For editors; never shown to readers.', verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='releaseevent',
            name='title',
            field=models.CharField(blank=True, help_text="Left empty, the work's title is used.", max_length=300, verbose_name='title'),
        ),
        migrations.AddIndex(
            model_name='releaseevent',
            index=models.Index(fields=['first_day', 'last_day'], name='release_event_days'),
        ),
        migrations.AddIndex(
            model_name='releaseevent',
            index=models.Index(fields=['last_day'], name='release_event_last_day'),
        ),
        migrations.AddConstraint(
            model_name='releaseevent',
            constraint=models.UniqueConstraint(condition=models.Q(('origin__in', ['catalog', 'fact'])), fields=('work',), name='release_event_one_per_work'),
        ),
    ]
