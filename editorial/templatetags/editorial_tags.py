from django import template

register = template.Library()


@register.filter
def title_in(section, language: str) -> str:
    return section.title_for(language or "en")
