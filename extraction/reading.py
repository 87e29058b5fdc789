"""Turn the bytes of an article (HTML, Markdown or plain text) into the plain text we analyse.

Offsets in the output refer to this text, so it is built once and never re-flowed afterwards.
From HTML we keep only the article's own blocks: menus, headers, footers, cookie banners and the
"Read also" teasers of other articles are dropped, because names in them are not facts about
this video.
"""
import re
from dataclasses import dataclass, field

from .errors import ExtractionInputError

BLOCK_TAGS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "pre",
              "dt", "dd", "td", "th", "caption"]
CHROME_TAGS = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside",
               "form", "button", "iframe", "svg", "select"]
CHROME_HINT = re.compile(
    r"nav|menu|footer|header|cookie|consent|related|teaser|read-?also|more-?stories|share|social|"
    r"subscribe|newsletter|sidebar|comments?|banner|breadcrumb|promo|advert|popular|recommend",
    re.IGNORECASE)
RELATED_HEADING = re.compile(
    r"^\s*(read also|read more|related|more from|more stories|you may also like|other materials|"
    r"читайте также|читайте ещё|другие материалы|по теме|ещё по теме|еще по теме|смотрите также|популярное)",
    re.IGNORECASE)
PHOTO_CREDIT = re.compile(r"^\s*(?:photo|photograph|image|still|фото|кадр)\s*(?:by)?\s*[:：—–-]\s*(.+)$",
                          re.IGNORECASE | re.MULTILINE)


@dataclass
class Source:
    text: str
    format: str
    title: str | None = None
    published: str | None = None
    section: str | None = None
    photo_credit: str | None = None
    tags: list[str] = field(default_factory=list)


def decode(data: bytes | str) -> str:
    if isinstance(data, str):
        text = data
    else:
        if b"\x00" in data[:4096]:
            raise ExtractionInputError("This looks like a binary file, not an article: give a text, "
                                       "Markdown or HTML file.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1251")
            except UnicodeDecodeError as exc:
                raise ExtractionInputError("The file is not UTF-8 or Windows-1251 text: save it as "
                                           "UTF-8 and try again.") from exc
    if "\x00" in text:
        raise ExtractionInputError("This looks like a binary file, not an article.")
    if not text.strip():
        raise ExtractionInputError("The article is empty: there is no text to read.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(p|div|article|body|h1|br)\b[^>]*>", head))


def looks_like_markdown(text: str) -> bool:
    return bool(re.search(r"^(#{1,6} |\* |- |> )|\*\*[^*]+\*\*|\[[^\]]+\]\([^)]+\)", text, re.MULTILINE))


def read(data: bytes | str) -> Source:
    text = decode(data)
    if looks_like_html(text):
        source = read_html(text)
    elif looks_like_markdown(text):
        source = read_markdown(text)
    else:
        body = drop_related_tail(text.strip("\n"))
        source = Source(text=body, format="text", title=first_line_title(body))
    if not source.text.strip():
        raise ExtractionInputError("No article text was found in the file.")
    if source.photo_credit is None:
        match = PHOTO_CREDIT.search(source.text)
        if match:
            source.photo_credit = match.group(1).strip().rstrip(".")
    return source


def drop_related_tail(text: str) -> str:
    """In plain text and Markdown, a "Read also" line starts the teasers of other articles."""
    for match in re.finditer(r"^.*$", text, re.MULTILINE):
        if RELATED_HEADING.match(match.group().lstrip("#*_> -")) and len(match.group()) < 200:
            return text[:match.start()].rstrip()
    return text


def first_line_title(text: str) -> str | None:
    first = text.strip().split("\n", 1)[0].strip()
    if 0 < len(first) <= 160 and not first.endswith((".", ":", ";")):
        return first
    return None


def read_markdown(text: str) -> Source:
    title = None
    lines = []
    for line in text.split("\n"):
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            line = heading.group(2).strip()
            if title is None and len(heading.group(1)) == 1:
                title = line
        line = re.sub(r"^\s*(?:[*+-]|\d+\.)\s+", "", line)
        # A bold run-in label ("**The director.** Francis Lawrence") reads as "The director: …".
        line = re.sub(r"^(\*\*|__)([^*_]{1,40}?)[.:]\1\s+", r"\2: ", line)
        line = re.sub(r"^\s*>\s?", "", line)
        line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        line = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", line)
        line = line.replace("`", "")
        lines.append(line)
    body = drop_related_tail(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n"))
    return Source(text=body, format="markdown", title=title or first_line_title(body))


def read_html(markup: str) -> Source:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    title = meta(soup, "og:title")
    if not title and soup.title:
        title = soup.title.get_text(" ", strip=True)
    published = meta(soup, "article:published_time")
    time_tag = soup.find("time", attrs={"datetime": True})
    if not published and time_tag:
        published = time_tag["datetime"]
    section = meta(soup, "article:section")
    tags = [t.get_text(strip=True) for t in soup.select("a[rel~=tag], .tags a, .tag")]
    tags = list(dict.fromkeys(t.lstrip("#") for t in tags if t))

    for tag in soup(CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(attrs={"class": True}) + soup.find_all(attrs={"id": True}):
        if tag.decomposed:
            continue
        hint = " ".join(tag.get("class", [])) + " " + (tag.get("id") or "")
        if CHROME_HINT.search(hint) and tag.name not in ("body", "html", "main", "article"):
            tag.decompose()
    drop_related_blocks(soup)

    root = soup.find("article") or soup.find("main") or soup.body or soup
    h1 = root.find("h1") or soup.find("h1")
    if h1:
        title = h1.get_text(" ", strip=True)
    credit = None
    for caption in root.find_all("figcaption"):
        match = PHOTO_CREDIT.search(caption.get_text(" ", strip=True))
        if match:
            credit = match.group(1).strip().rstrip(".")
    blocks = []
    for block in root.find_all(BLOCK_TAGS):
        if block.find(BLOCK_TAGS):
            continue  # its inner blocks are read on their own
        text = " ".join(block.get_text(" ", strip=True).split())
        text = re.sub(r"\s+([,.;:!?»)])", r"\1", text)
        text = re.sub(r"([«(])\s+", r"\1", text)
        if text:
            blocks.append(text)
    if not blocks:
        blocks = [" ".join(root.get_text(" ", strip=True).split())]
    date = published[:10] if published and re.match(r"\d{4}-\d{2}-\d{2}", published) else None
    return Source(text="\n\n".join(blocks), format="html", title=title, published=date,
                  section=section, photo_credit=credit, tags=tags)


def meta(soup, prop: str) -> str | None:
    tag = soup.find("meta", attrs={"property": prop}) or soup.find("meta", attrs={"name": prop})
    return tag["content"].strip() if tag and tag.get("content") else None


def drop_related_blocks(soup) -> None:
    """A heading such as "Read also" and everything after it in its container are teasers."""
    for heading in soup.find_all(["h2", "h3", "h4", "h5", "h6", "p", "div", "strong"]):
        if heading.decomposed or not RELATED_HEADING.match(heading.get_text(" ", strip=True) or ""):
            continue
        if len(heading.get_text(" ", strip=True)) > 60:
            continue
        for sibling in list(heading.find_next_siblings()):
            sibling.decompose()
        heading.decompose()
