"""What the catalog's pages print for a partial date and a running time."""
from django.utils.translation import get_language


def partial_date(value) -> str:
    """A PartialDate in the reader's language ("24 May 2024", "24 мая 2024", "2019")."""
    return value.display(get_language() or "en") if value else ""


def duration(value) -> str:
    if not value:
        return ""
    seconds = int(value.total_seconds())
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
