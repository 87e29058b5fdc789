"""schema.org JSON-LD for articles: NewsArticle, or ReviewNewsArticle in the Reviews section,
with what the article is about (its videos) and whom it mentions (its people)."""
from catalog.structured_data import named


def article_ld(article, request, works=None) -> dict:
    """`works`: the article's videos and other works, when the caller has read them already."""
    section = article.section
    kind = "ReviewNewsArticle" if section.slug == "reviews" else "NewsArticle"
    data = {
        "@context": "https://schema.org", "@type": kind, "headline": article.title,
        "description": article.teaser, "datePublished": article.date.isoformat(),
        "inLanguage": article.language, "url": request.build_absolute_uri(article.url),
        "articleSection": section.title,
    }
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    about = [{"@type": ["VideoObject", "MusicVideoObject"] if w.kind == "music_video" else "CreativeWork",
              "name": w.title, "url": request.build_absolute_uri(w.get_absolute_url())}
             for w in (article.videos.all() if works is None else works)]
    if about:
        data["about"] = about
    mentions = [named(p, request) for p in article.people.all()]
    if mentions:
        data["mentions"] = mentions
    return data
