"""schema.org JSON-LD for articles: NewsArticle, or ReviewNewsArticle in the Reviews section,
with what the article is about (its videos) and whom it mentions (its people)."""
from catalog.structured_data import named


def article_ld(article, request, shown) -> dict:
    """`shown`: the article's works and people, from its snapshot (editorial.snapshots)."""
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
              "name": w.name, "url": request.build_absolute_uri(w.get_absolute_url())}
             for w in shown.works]
    if about:
        data["about"] = about
    mentions = [named(p, request) for p in shown.people]
    if mentions:
        data["mentions"] = mentions
    return data
