from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def partial_date(value) -> str:
    """A PartialDate in the reader's language ("24 May 2024", "24 мая 2024", "2019")."""
    return value.display(get_language() or "en") if value else ""


@register.filter
def duration(value) -> str:
    if not value:
        return ""
    seconds = int(value.total_seconds())
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
