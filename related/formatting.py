"""The related-reading card: an article card with why it was picked."""
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from editorial.formatting import card_html


def pick_card(context, pick) -> SafeString:
    """A pick's card; it names the pick's language when that is not the page's own."""
    article, page = pick.article, context.get("page")
    language = (format_html(' · <span class="pick-language">{}</span>', article.get_language_display())
                if page and article.language != page.language else "")
    why = pick.why
    reasons = format_html_join("", '<span class="reason">{}</span>', ((phrase,) for phrase in why))
    after = (format_html('\n  <p class="pick-why"><span class="visually-hidden">{}: </span>{}</p>',
                         _("Why"), reasons) if why else "")
    return card_html(article, "card pick pinned" if pick.pinned else "card pick", language, after)
