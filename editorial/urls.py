from django.urls import path

from . import feeds, views

app_name = "editorial"
urlpatterns = [
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
    path("feeds/all.rss", feeds.ArticleFeed(), name="feed"),
    path("feeds/all.atom", feeds.atom(feeds.ArticleFeed)(), name="feed-atom"),
    path("feeds/section/<slug:slug>.rss", feeds.SectionFeed(), name="section-feed"),
    path("feeds/section/<slug:slug>.atom", feeds.atom(feeds.SectionFeed)(), name="section-feed-atom"),
    path("feeds/tag/<str:slug>.rss", feeds.TagFeed(), name="tag-feed"),
    path("feeds/tag/<str:slug>.atom", feeds.atom(feeds.TagFeed)(), name="tag-feed-atom"),
    path("feeds/lang/<str:code>.rss", feeds.LanguageFeed(), name="language-feed"),
    path("feeds/lang/<str:code>.atom", feeds.atom(feeds.LanguageFeed)(), name="language-feed-atom"),
]
