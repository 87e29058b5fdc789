"""The Jinja2 environment the public pages are rendered with.

Why Jinja2 and not Django's template language: measured with `bench/page_cpu.py`, rendering was
a third to a half of every public page's CPU (2.5 ms of an article's 5) in Django's language,
most of it the language's own machinery (each variable tried as a key, an attribute and an
index; every node wrapped for debugging). Jinja2 compiles a template to Python once per process,
so what is left is the page's own work. The admin's screens stay in Django's language, because
they extend Wagtail's admin templates.

The filters and helpers are the plain functions the rest of the code already has; this module
only names them for the templates. Unlike Django's language, Jinja2 does not call a method it is
handed: `{{ work.get_absolute_url() }}` needs its brackets, and a template that prints a method
instead fails under `TEMPLATES_STRICT` (on in tests) rather than showing "<bound method …>".
"""
import functools

import jinja2
from django.conf import settings
from django.template.defaultfilters import date, floatformat
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from markupsafe import Markup
from wagtail.rich_text import RichText, expand_db_html

from catalog.formatting import duration, partial_date
from editorial.formatting import card_html, ld_json, long_date, title_in, views
from related.formatting import pick_card
from releases import formatting as releases


@functools.lru_cache(maxsize=4096)
def _reversed(name: str, args: tuple, kwargs: tuple, language: str | None, prefix: str, urlconf) -> str:
    return reverse(name, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)


def url(name: str, *args, **kwargs) -> str:
    """`{% url %}`: a view's path from its name. Remembered per language, script prefix and
    URLconf (what outside its arguments a path can depend on): an article page asks for seven,
    and Django's resolver spends a twentieth of a millisecond on each."""
    return _reversed(name, args, tuple(sorted(kwargs.items())), translation.get_language(),
                     get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=512)
def cached_static(path: str) -> str:
    """`{% static %}`, remembered: the manifest's hashed names do not change while the process
    runs, and every page asks for five."""
    return static(path)


def rendering(template_name: str, make_context):
    """A global that renders `template_name` with what `make_context(context, *args)` returns:
    what Django's inclusion tags do (releases' follow button and upcoming block)."""
    @jinja2.pass_context
    def render(context, *args):
        template = context.environment.get_template(template_name)
        return Markup(template.render(make_context(context, *args)))
    return render


def richtext(value) -> Markup:
    """Wagtail's `richtext` filter without its detour through `render_to_string`, which asks
    every template directory of this environment for Wagtail's one-line template before Django's
    engine finds it, on each article."""
    if isinstance(value, RichText):
        return Markup(str(value))
    return Markup(expand_db_html(str(value)) if value is not None else "")


def no_methods(value):
    """Printing a method is a template missing its brackets: fail the test that renders it."""
    if callable(value) and not hasattr(value, "__html__"):
        raise TypeError(f"a template printed {value!r}; call it with ()")
    return value


def environment(**options) -> jinja2.Environment:
    if getattr(settings, "TEMPLATES_STRICT", False):
        options["finalize"] = no_methods
    env = jinja2.Environment(**options)
    # Django's own catalogues, so the .po files serve both template languages.
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update({
        "static": cached_static,
        "url": url,
        "get_language": translation.get_language,
        "LANGUAGES": settings.LANGUAGES,
        "article_card": card_html,
        "pick_card": jinja2.pass_context(pick_card),
        "person_releases": rendering("releases/includes/person_block.html", releases.person_releases),
        "follow_button": rendering("releases/includes/follow_button.html", releases.follow_button),
        "clash_sentence": releases.clash_sentence,
    })
    env.filters.update({
        "date": date,
        "floatformat": floatformat,
        "long_date": long_date,
        "views": views,
        "title_in": title_in,
        "ld_json": ld_json,
        "partial_date": partial_date,
        "duration": duration,
        "event_when": releases.event_when,
        "event_clock": releases.event_clock,
        "day_name": releases.day_name,
        "names_joined": releases.names_joined,
        "richtext": richtext,
    })
    return env
