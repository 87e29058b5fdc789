"""The JSON API at /api/v1/: what a script reading or writing the catalog relies on."""
import json

import pytest
from django.contrib.auth.models import Permission, User
from wagtail.models import APIToken

from catalog.models import Credit, Person, PersonName, Work
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


# ---------------------------------------------------------------- no silent overwrites: ETag and If-Match


@pytest.fixture
def writer():
    """A named token holder allowed to change people and works, like an editor's script."""
    def make(username):
        user = User.objects.create_user(username, first_name=username.capitalize())
        for codename in ("change_person", "change_work"):
            user.user_permissions.add(Permission.objects.get(content_type__app_label="catalog",
                                                             codename=codename))
        _, plain = APIToken.create_token(user=user, name="test")
        return {"Authorization": f"Bearer {plain}"}
    return make


def patch_person(client, slug, data, headers, if_match=None):
    if if_match is not None:
        headers = {**headers, "If-Match": if_match}
    return post_json(client, f"/api/v1/people/{slug}", data, headers, method="patch")


def test_a_person_read_carries_a_strong_etag_that_changes_with_the_record(client):
    first = client.get("/api/v1/people/dan-streit")
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"'), etag  # strong: usable in If-Match
    assert client.get("/api/v1/people/dan-streit")["ETag"] == etag
    assert client.get("/api/v1/people/dan-streit", headers={"If-None-Match": etag}).status_code == 304
    person = Person.objects.get(slug="dan-streit")
    person.bio = "Editor of music videos."
    person.save()
    changed = client.get("/api/v1/people/dan-streit")
    assert changed["ETag"] != etag and changed.json()["bio"] == "Editor of music videos."
    # Another spelling is part of the person: it changes the ETag too.
    PersonName.objects.create(person=person, name="Danny Streit")
    assert client.get("/api/v1/people/dan-streit")["ETag"] != changed["ETag"]


def test_a_work_read_carries_an_etag_that_changes_when_a_credit_is_added(client):
    etag = client.get("/api/v1/videos/joji-run")["ETag"]
    assert client.get("/api/v1/works/joji-run")["ETag"] == etag  # one work, one ETag at both addresses
    Credit.objects.create(work=Work.objects.get(slug="joji-run"),
                          person=Person.objects.get(slug="dan-streit"), role="editor")
    assert client.get("/api/v1/videos/joji-run")["ETag"] != etag


def test_of_two_clients_that_read_the_same_version_the_second_is_refused_and_told_why(client, writer):
    anna, boris = writer("anna"), writer("boris")
    bio = Person.objects.get(slug="dan-streit").bio
    read = client.get("/api/v1/people/dan-streit")["ETag"]
    assert client.get("/api/v1/people/dan-streit")["ETag"] == read  # both read the same version

    first = patch_person(client, "dan-streit", {"country": "US"}, anna, if_match=read)
    assert first.status_code == 200, first.content
    assert first.json()["country"] == "US"
    fresh = first["ETag"]
    assert fresh != read and client.get("/api/v1/people/dan-streit")["ETag"] == fresh

    second = patch_person(client, "dan-streit", {"country": "GB", "bio": "Boris's bio."}, boris,
                          if_match=read)
    assert second.status_code == 412
    body = second.json()
    assert "changed since you read it" in body["detail"]
    assert "nothing you sent was saved" in body["detail"]
    assert "GET /api/v1/people/dan-streit" in body["detail"] and "If-Match" in body["detail"]
    # What is there now, for the fields Boris sent, and what Anna changed, from the history.
    assert body["current"] == {"country": "US", "bio": bio}
    assert body["etag"] == second["ETag"] == fresh
    [entry] = body["changes"]
    assert (entry["by"], entry["source"]) == ("Anna", "api")
    assert entry["rows"][0]["fields"] == [{"field": "Country", "before": "—", "after": "US"}]
    # Anna's change is kept; nothing of Boris's was saved.
    dan = Person.objects.get(slug="dan-streit")
    assert (dan.country, dan.bio) == ("US", bio)

    # Having read it again, Boris's change goes through and he gets the next ETag.
    again = patch_person(client, "dan-streit", {"country": "GB"}, boris, if_match=body["etag"])
    assert again.status_code == 200, again.content
    assert Person.objects.get(slug="dan-streit").country == "GB"
    assert again["ETag"] not in (read, fresh)
    assert again["ETag"] == client.get("/api/v1/people/dan-streit")["ETag"]


def test_a_change_made_elsewhere_since_the_read_also_refuses_the_patch(client, writer):
    """The admin, an import or a shell: every saved change moves the version."""
    read = client.get("/api/v1/people/dan-streit")["ETag"]
    person = Person.objects.get(slug="dan-streit")
    person.disambiguation = "editor"
    person.save()
    response = patch_person(client, "dan-streit", {"country": "US"}, writer("anna"), if_match=read)
    assert response.status_code == 412
    assert response.json()["changes"][0]["rows"][0]["fields"][0]["after"] == "editor"
    assert Person.objects.get(slug="dan-streit").country == ""


@pytest.mark.parametrize("sent", ['W/"{etag}"', '"1-0000000000000000"', "garbage"])
def test_if_match_uses_strong_comparison(client, writer, sent):
    etag = client.get("/api/v1/people/dan-streit")["ETag"]
    response = patch_person(client, "dan-streit", {"country": "US"}, writer("anna"),
                            if_match=sent.format(etag=etag.strip('"')))
    assert response.status_code == 412
    assert Person.objects.get(slug="dan-streit").country == ""


def test_if_match_star_or_a_list_holding_the_etag_is_a_match(client, writer):
    anna = writer("anna")
    etag = client.get("/api/v1/people/dan-streit")["ETag"]
    response = patch_person(client, "dan-streit", {"country": "US"}, anna, if_match=f'"0-x", {etag}')
    assert response.status_code == 200, response.content
    assert patch_person(client, "dan-streit", {"country": "NZ"}, anna, if_match="*").status_code == 200
    assert Person.objects.get(slug="dan-streit").country == "NZ"
    # The ETag's quotes forgotten: still the same tag.
    unquoted = client.get("/api/v1/people/dan-streit")["ETag"].strip('"')
    assert patch_person(client, "dan-streit", {"country": "KR"}, anna, if_match=unquoted).status_code == 200
    assert Person.objects.get(slug="dan-streit").country == "KR"


def test_a_patch_without_if_match_is_applied_and_answers_with_the_new_etag(client, writer):
    read = client.get("/api/v1/people/dan-streit")["ETag"]
    response = patch_person(client, "dan-streit", {"country": "US"}, writer("anna"))
    assert response.status_code == 200
    assert response["ETag"] != read
    assert response["ETag"] == client.get("/api/v1/people/dan-streit")["ETag"]


def test_removing_a_credit_from_a_work_changed_since_is_refused(client, writer):
    anna, boris = writer("anna"), writer("boris")
    run = Work.objects.get(slug="joji-run")
    credit = Credit.objects.create(work=run, person=Person.objects.get(slug="dan-streit"), role="editor")
    read = client.get("/api/v1/videos/joji-run")["ETag"]
    # Anna corrects the credit in the meantime (it is part of the work)...
    credit.credited_as = "Daniel Streit"
    credit.save()
    # ...so Boris, deleting what he read, is refused and shown the credit as it is now.
    response = client.delete(f"/api/v1/credits/{credit.pk}", headers={**boris, "If-Match": read})
    assert response.status_code == 412
    body = response.json()
    assert "GET /api/v1/videos/joji-run" in body["detail"]
    assert body["current"]["credited_as"] == "Daniel Streit"
    assert body["changes"][-1]["rows"][0]["fields"][0]["after"] == "Daniel Streit"
    assert Credit.objects.filter(pk=credit.pk).exists()
    fresh = client.get("/api/v1/videos/joji-run")["ETag"]
    response = client.delete(f"/api/v1/credits/{credit.pk}", headers={**anna, "If-Match": fresh})
    assert response.status_code == 204
    assert not Credit.objects.filter(pk=credit.pk).exists()


def test_adding_a_credit_to_a_work_changed_since_is_refused(client, writer):
    read = client.get("/api/v1/videos/joji-run")["ETag"]
    Credit.objects.create(work=Work.objects.get(slug="joji-run"),
                          person=Person.objects.get(slug="dan-streit"), role="editor")
    headers = {**writer("anna"), "If-Match": read}
    response = post_json(client, "/api/v1/works/joji-run/credits",
                         {"person": "dan-streit", "role": "colorist"}, headers)
    assert response.status_code == 412
    added = {"role": "editor", "person": "dan-streit"}
    assert any(added.items() <= credit.items() for credit in response.json()["current"]["credits"])
    assert not Credit.objects.filter(work__slug="joji-run", role="colorist").exists()
    headers["If-Match"] = client.get("/api/v1/videos/joji-run")["ETag"]
    response = post_json(client, "/api/v1/works/joji-run/credits",
                         {"person": "dan-streit", "role": "colorist"}, headers)
    assert response.status_code == 201, response.content


def test_the_schema_documents_if_match_and_the_412(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, method in [("/api/v1/people/{slug}", "patch"), ("/api/v1/credits/{credit_id}", "delete"),
                         ("/api/v1/works/{slug}/credits", "post")]:
        operation = schema["paths"][path][method]
        assert "412" in operation["responses"], (path, operation["responses"].keys())
        assert any(p["in"] == "header" and p["name"] == "If-Match" for p in operation["parameters"])
    assert "ETag" in schema["paths"]["/api/v1/people/{slug}"]["get"]["responses"]["200"]["headers"]


def test_two_patches_from_the_same_version_at_the_same_moment_cannot_both_win(committed_demo, writer,
                                                                            at_once):
    """The If-Match check and the save are one step (the person is locked for both), so of two
    simultaneous writes from one version one is saved and the other refused, whatever the timing."""
    from django.test import Client

    read = Client().get("/api/v1/people/dan-streit")["ETag"]
    tokens = {"US": writer("anna"), "GB": writer("boris")}

    def send(country):
        return patch_person(Client(), "dan-streit", {"country": country}, tokens[country],
                            if_match=read).status_code

    statuses = dict(zip(tokens, at_once(send, [(country,) for country in tokens]), strict=True))
    assert sorted(statuses.values()) == [200, 412], statuses
    winner = next(country for country, status in statuses.items() if status == 200)
    assert Person.objects.get(slug="dan-streit").country == winner


def test_a_body_that_is_not_json_is_refused_in_words(client, token_for):
    response = client.patch("/api/v1/people/joji", data="{country: NZ", content_type="application/json",
                            headers=token_for("catalog.change_person"))
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["detail"]
    documented = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/people/{slug}"]["patch"]
    assert "400" in documented["responses"]
