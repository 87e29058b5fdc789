"""Reading articles: HTML chrome is dropped, Markdown markup stripped, bad input refused."""
import pytest

from extraction.errors import ExtractionInputError
from extraction.reading import read

PAGE = """<!doctype html><html><head><title>Site · Joji</title>
<meta property="article:published_time" content="2020-02-07T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> Director Ivan Menu</nav>
<header class="site-header">Deep Cuts</header>
<article><h1>Joji’s “Run” is out</h1>
<p>The video was directed by Aisultan Seitov.</p>
<figure><img src="x.jpg"><figcaption>Photo: Anna Lens</figcaption></figure>
<h2>Read also</h2><ul><li>Director Jane Doe shot a video for "Other"</li></ul>
</article><div class="cookie-banner">We use cookies</div><footer>© 2020</footer></body></html>"""


def test_html_keeps_the_article_and_drops_the_chrome_and_teasers():
    source = read(PAGE)
    assert source.format == "html"
    assert source.title == "Joji’s “Run” is out"
    assert source.published == "2020-02-07"
    assert source.photo_credit == "Anna Lens"
    assert "directed by Aisultan Seitov." in source.text
    for chrome in ("Menu", "Deep Cuts", "Jane Doe", "cookies", "©"):
        assert chrome not in source.text


def test_markdown_markup_is_stripped():
    source = read("# RM’s new video\n\nThe video was **directed** by [Lee Sung Jin](http://x).\n")
    assert source.format == "markdown"
    assert source.title == "RM’s new video"
    assert "The video was directed by Lee Sung Jin." in source.text


def test_windows_1251_text_is_decoded():
    assert "Клип" in read("Клип снял режиссёр.".encode("cp1251")).text


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"   \n ", "empty"), (b"\x00\x01\x02binary", "binary"),
    (b"<html><body><nav>Menu</nav></body></html>", "No article text"),
])
def test_bad_input_is_refused_with_a_clear_message(data, message):
    with pytest.raises(ExtractionInputError, match=message):
        read(data)
