"""The one place a reader's words become HTML: the body of a draft article.

Plain text becomes paragraphs of escaped text. Text that is already HTML (pasted from a web page)
keeps its paragraphs, lists, emphasis and links, and nothing else: nh3 removes scripts, event
handlers, styles and links that are not http(s) or mailto. Everywhere else the reader's words
are shown escaped by the templates, never as HTML.
"""
import re
from html import escape

import nh3

from extraction.reading import looks_like_html

ARTICLE_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h2", "h3", "h4",
                "blockquote"}
# Wagtail's rich-text format spells emphasis as <b> and <i>.
WAGTAIL_SPELLING = {"<strong>": "<b>", "</strong>": "</b>", "<em>": "<i>", "</em>": "</i>"}


def sanitise(html: str) -> str:
    cleaned = nh3.clean(html, tags=ARTICLE_TAGS, clean_content_tags={"script", "style"},
                        attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"},
                        link_rel=None)
    return re.sub("|".join(map(re.escape, WAGTAIL_SPELLING)), lambda m: WAGTAIL_SPELLING[m.group()],
                  cleaned)


def paragraphs(text: str) -> str:
    blocks = [b.strip("\n") for b in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")) if b.strip()]
    return "".join("<p>" + "<br>".join(escape(line.strip(), quote=False) for line in block.split("\n")
                                       if line.strip()) + "</p>" for block in blocks)


def article_html(text: str) -> str:
    """The body of a draft article made from a submission, safe to render as HTML."""
    return sanitise(text if looks_like_html(text) else paragraphs(text))
