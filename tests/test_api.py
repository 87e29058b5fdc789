"""The JSON API at /api/v1/: what a script reading or writing the catalog relies on."""
import json

import pytest
from django.contrib.auth.models import Permission, User
from wagtail.models import APIToken

from catalog.models import Credit, Person, Work
from editorial.models import ArticlePage

pytestmark = pytest.mark.django_db


def get_json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response, response.json()


def test_openapi_schema_is_served_and_lists_every_area(client):
    response, schema = get_json(client, "/api/v1/openapi.json")
    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {"/api/v1/videos", "/api/v1/videos/{slug}", "/api/v1/people/{slug}",
            "/api/v1/works", "/api/v1/articles", "/api/v1/articles/{article_id}"} <= paths


def test_video_detail_has_credits_in_order_and_references(client):
    response, video = get_json(client, "/api/v1/videos/joji-run")
    assert response.status_code == 200
    assert video["title"] == "Run"
    assert video["release"] == "2020-02-06"
    assert [a["slug"] for a in video["artists"]] == ["joji"]
    assert video["credits"][0]["role"] == "director"
    assert video["credits"][0]["person"]["slug"] == "aisultan-seitov"
    assert video["references"][0]["work"]["slug"] == "joji-sanctuary"
    assert video["album"]["slug"] == "joji-nectar"


def test_partial_release_dates_stay_partial(client):
    _, video = get_json(client, "/api/v1/videos/joji-glimpse-of-us")
    assert video["release"] == "2022-06"


def test_videos_filter_by_director_and_paginate(client):
    _, page = get_json(client, "/api/v1/videos?director=lee-sung-jin")
    assert [v["slug"] for v in page["items"]] == ["rm-come-back-to-me"]
    assert page["count"] == 1
    _, first = get_json(client, "/api/v1/videos?limit=2&offset=0")
    _, second = get_json(client, "/api/v1/videos?limit=2&offset=2")
    assert first["count"] == second["count"] == Work.objects.filter(kind="music_video").count()
    assert len(first["items"]) == 2
    assert not {v["slug"] for v in first["items"]} & {v["slug"] for v in second["items"]}


def test_a_film_is_not_a_video(client):
    response, body = get_json(client, "/api/v1/videos/oldboy-2003")
    assert response.status_code == 404
    assert body["detail"]
    _, film = get_json(client, "/api/v1/works/oldboy-2003")
    assert film["kind"] == "film"


def test_person_detail_lists_other_names_and_credits(client):
    _, person = get_json(client, "/api/v1/people/aisultan-seitov")
    assert person["name"] == Person.objects.get(slug="aisultan-seitov").name
    assert any(n["script"] == "Cyrl" for n in person["names"]), person["names"]
    assert {"role": "director", "work": {"slug": "joji-run", "title": "Run", "kind": "music_video",
                                         "url": "/videos/joji-run/"}} in person["credits"]


def test_articles_are_only_the_published_ones(client):
    draft = ArticlePage.objects.live().first()
    draft.unpublish()
    _, page = get_json(client, "/api/v1/articles?limit=100")
    ids = {a["id"] for a in page["items"]}
    assert draft.pk not in ids
    assert page["count"] == ArticlePage.objects.live().public().count()
    response, body = get_json(client, f"/api/v1/articles/{draft.pk}")
    assert response.status_code == 404


def test_articles_filter_by_language_and_video(client):
    _, russian = get_json(client, "/api/v1/articles?language=ru&limit=100")
    assert russian["items"] and all(a["language"] == "ru" for a in russian["items"])
    _, about_run = get_json(client, "/api/v1/articles?video=joji-run")
    assert about_run["items"]
    detail = client.get(f"/api/v1/articles/{about_run['items'][0]['id']}").json()
    assert "joji-run" in [v["slug"] for v in detail["videos"]]
    assert detail["body_html"].strip()


@pytest.mark.parametrize("url", [
    "/api/v1/videos?limit=0", "/api/v1/videos?limit=1000", "/api/v1/videos?offset=-1",
    "/api/v1/videos?year=last", "/api/v1/works?kind=opera", "/api/v1/articles/abc",
])
def test_bad_parameters_are_json_422_with_a_sentence(client, url):
    response, body = get_json(client, url)
    assert response.status_code == 422
    assert body["detail"].endswith(".")


def test_unknown_address_under_the_api_is_json_404(client):
    response, body = get_json(client, "/api/v1/videos/no-such-video")
    assert response.status_code == 404
    assert "Nothing" in body["detail"]


def test_etag_lets_a_client_skip_an_unchanged_body(client):
    first = client.get("/api/v1/videos/joji-run")
    etag = first["ETag"]
    again = client.get("/api/v1/videos/joji-run", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    Work.objects.filter(slug="joji-run").update(title="Run (remastered)")
    changed = client.get("/api/v1/videos/joji-run", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["title"] == "Run (remastered)"


@pytest.fixture
def token_for():
    def make(*perms):
        user = User.objects.create_user("script-" + "-".join(p.split(".")[1] for p in perms) or "none")
        for perm in perms:
            app, codename = perm.split(".")
            user.user_permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
        _, plain = APIToken.create_token(user=user, name="test")
        return {"Authorization": f"Bearer {plain}"}
    return make


def post_json(client, url, data, headers=None, method="post"):
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json",
                                   headers=headers or {})


def test_writes_need_a_token(client):
    response = post_json(client, "/api/v1/people", {"name": "Nobody", "slug": "nobody"})
    assert response.status_code == 401
    assert "token" in response.json()["detail"]
    response = post_json(client, "/api/v1/people", {"name": "Nobody", "slug": "nobody"},
                         {"Authorization": "Bearer wagtail_forged"})
    assert response.status_code == 401
    assert not Person.objects.filter(slug="nobody").exists()


def test_a_token_grants_only_its_owners_permissions(client, token_for):
    headers = token_for("catalog.view_person")
    response = post_json(client, "/api/v1/people", {"name": "Nobody", "slug": "nobody"}, headers)
    assert response.status_code == 403
    assert "catalog.add_person" in response.json()["detail"]
    assert not Person.objects.filter(slug="nobody").exists()


def test_create_a_person_with_other_names(client, token_for):
    headers = token_for("catalog.add_person")
    response = post_json(client, "/api/v1/people", {
        "name": "Tanu Muino", "slug": "tanu-muino", "country": "UA", "other_names": ["Тану Муиньо"]},
        headers)
    assert response.status_code == 201, response.content
    person = Person.objects.get(slug="tanu-muino")
    assert [n.name for n in person.names.all()] == ["Тану Муиньо"]
    assert response.json()["url"] == "/people/tanu-muino/"


def test_a_duplicate_person_is_refused_by_the_same_rules_as_the_admin(client, token_for):
    headers = token_for("catalog.add_person")
    response = post_json(client, "/api/v1/people", {"name": "Joji", "slug": "joji-again"}, headers)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert not Person.objects.filter(slug="joji-again").exists()


def test_change_a_person_and_credit_them(client, token_for):
    headers = token_for("catalog.change_person", "catalog.change_work")
    response = post_json(client, "/api/v1/people/dan-streit", {"country": "US"}, headers, method="patch")
    assert response.status_code == 200, response.content
    assert Person.objects.get(slug="dan-streit").country == "US"
    response = post_json(client, "/api/v1/works/joji-run/credits",
                         {"person": "dan-streit", "role": "editor"}, headers)
    assert response.status_code == 201, response.content
    credit = Credit.objects.get(pk=response.json()["id"])
    assert (credit.work.slug, credit.person.slug, credit.role) == ("joji-run", "dan-streit", "editor")
    assert client.delete(f"/api/v1/credits/{credit.pk}", headers=headers).status_code == 204
    assert not Credit.objects.filter(pk=credit.pk).exists()


def test_crediting_an_unknown_person_says_who_is_missing(client, token_for):
    headers = token_for("catalog.change_work")
    response = post_json(client, "/api/v1/works/joji-run/credits",
                         {"person": "no-such-person", "role": "director"}, headers)
    assert response.status_code == 422
    assert "no-such-person" in response.json()["detail"]
