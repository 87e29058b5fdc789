from django import template

register = template.Library()


@register.filter
def title_in(section, language: str) -> str:
    return section.title_for(language or "en")


@register.filter
def ld_json(data) -> str:
    """A JSON-LD script element, escaped like Django's json_script so text cannot close it."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder
    from django.utils.html import _json_script_escapes
    from django.utils.safestring import mark_safe

    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
