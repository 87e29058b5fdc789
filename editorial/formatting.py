"""What the public pages print for a date, a view count, a section's title, structured data and
an article's card (deepcuts/templating.py names them for the templates). The date and the count
are memoised: every listing shows both per card, and Django's date formatting and plural forms,
looked up anew each time, cost a fifth of a millisecond per card."""
import functools

from django.utils import formats, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString


@functools.lru_cache(maxsize=4096)
def _long_date(day, language: str) -> str:
    return formats.date_format(day, "j E Y")


def long_date(day) -> str:
    """"5 March 2024" / "5 марта 2024": a date as the byline and cards print it."""
    return _long_date(day, translation.get_language()) if day else ""


@functools.lru_cache(maxsize=4096)
def _views(count: int, language: str) -> str:
    return translation.ngettext("%(counter)s view", "%(counter)s views", count) % {"counter": count}


def views(count) -> str:
    """"1 view", "21 просмотр": the count with its word in the active language's plural form."""
    return _views(count or 0, translation.get_language())


def title_in(section, language: str) -> str:
    return section.title_for(language or "en")


def ld_json(data) -> str:
    """A JSON-LD script element, escaped like Django's json_script so text cannot close it."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder
    from django.utils.html import _json_script_escapes
    from django.utils.safestring import mark_safe

    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def article_card(article) -> SafeString:
    """The card every listing shows for an `editorial.cards.ArticleCard`."""
    return card_html(article)


def card_html(article, classes: str = "card", meta: str = "", after: str = "") -> SafeString:
    """A card's markup, made here rather than by an included template: a listing shows up to
    twenty-five, and as a template each cost a tenth of a millisecond, most of a listing's time.
    `meta` and `after` are markup already escaped (format_html) to add to the card's line of
    facts and below its teaser."""
    return format_html(
        '<article class="{}" lang="{}">\n  <a class="card-title" href="{}">{}</a>\n'
        '  <p class="card-meta"><time datetime="{}">{}</time>\n    · <span class="views">{}</span>{}</p>\n'
        '  <p class="card-teaser">{}</p>{}\n</article>',
        classes, article.language, article.url, article.title, article.date.isoformat(),
        long_date(article.date), views(article.views), meta, article.short_teaser(), after)
