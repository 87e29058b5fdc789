"""Editors with the moderation permission turn tips into draft articles or release events, or reject
them with a reason; nobody else sees the queue."""
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from catalog.models import Person, Work
from editorial.models import ArticlePage
from releases.models import ReleaseEvent
from submissions.analysis import analyse
from submissions.models import Proposal, Submission

pytestmark = pytest.mark.django_db

TIP = ("Joji's video “Run” gets a sequel on 24 May 2031, again directed by Aisultan Seitov.\n\n"
       "<script>window.__xss = 1</script> I saw it on their site.")


def make_user(name: str, *perms: str):
    user = get_user_model().objects.create_user(name, f"{name}@example.com", "pw-for-tests")
    group, _ = Group.objects.get_or_create(name=f"{name}-group")
    for perm in ("wagtailadmin.access_admin", *perms):
        app, codename = perm.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
    user.groups.add(group)
    return user


@pytest.fixture
def moderator(client):
    """An editor (Wagtail's Editors group: may add pages) who may also moderate and add events."""
    user = make_user("moderator", "submissions.moderate_submission", "releases.add_releaseevent")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def tip():
    submission = Submission.objects.create(text=TIP, links=["https://example.com/joji-run-2"],
                                           language="en", place="Online")
    analyse(submission.pk)
    return submission


def proposal_ids(submission, *kinds):
    return [str(p.pk) for p in submission.proposals.all() if p.linkable and (not kinds or p.kind in kinds)]


# ---------------------------------------------------------------- who may see the queue


def test_anonymous_visitors_are_sent_to_the_login(client, tip):
    for url in ("/admin/submissions/", f"/admin/submissions/{tip.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.post(f"/admin/submissions/{tip.pk}/reject/", {"reason": "spam"})
    assert Submission.objects.get(pk=tip.pk).status == Submission.Status.NEW


def test_editors_without_the_permission_get_no_access(client, tip):
    client.force_login(make_user("writer"))
    for url in ("/admin/submissions/", f"/admin/submissions/{tip.pk}/"):
        response = client.get(url, follow=True)
        assert "window.__xss" not in response.content.decode()
        assert "do not have permission" in response.content.decode()
    client.post(f"/admin/submissions/{tip.pk}/accept/", {"action": "article", "article_title": "Hijack",
                                                         "language": "en"})
    client.post(f"/admin/submissions/{tip.pk}/reject/", {"reason": "spam"})
    assert Submission.objects.get(pk=tip.pk).status == Submission.Status.NEW
    assert not ArticlePage.objects.filter(title="Hijack").exists()
    assert "Reader submissions" not in client.get("/admin/").content.decode()


def test_the_permission_can_be_given_on_the_group_screen(admin_client):
    response = admin_client.get("/admin/groups/new/")
    assert "Can moderate reader submissions" in response.content.decode()


# ---------------------------------------------------------------- the queue


def test_the_queue_lists_waiting_submissions_and_filters_by_status(moderator):
    Submission.objects.create(text="Waiting tip about a premiere in Seoul.")
    Submission.objects.create(text="Rejected tip, pure spam.", status="rejected", reason="Spam")
    Submission.objects.create(text="Accepted event in Moscow.", kind="event", status="accepted")
    assert "Reader submissions" in moderator.get("/admin/").content.decode()

    def listed(query=""):
        soup = BeautifulSoup(moderator.get(f"/admin/submissions/{query}").content, "html.parser")
        return [a.get_text(strip=True) for a in soup.select(".moderation-list tbody a")]

    assert listed() == ["Waiting tip about a premiere in Seoul."]
    assert listed("?status=rejected") == ["Rejected tip, pure spam."]
    assert len(listed("?status=all")) == 3
    assert listed("?status=all&kind=event") == ["Accepted event in Moscow."]
    assert listed("?status=nonsense") == ["Waiting tip about a premiere in Seoul."]


def test_the_reader_text_is_shown_escaped_and_the_proposals_with_it(moderator, tip):
    body = moderator.get(f"/admin/submissions/{tip.pk}/").content.decode()
    assert "<script>window.__xss" not in body
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in body
    soup = BeautifulSoup(body, "html.parser")
    assert soup.select_one(".as-sent").get_text() == TIP
    proposals = soup.select_one(".proposals").get_text(" ", strip=True)
    assert "Run" in proposals and "Aisultan Seitov" in proposals and "2031-05-24" in proposals
    # Catalog matches come ticked; the event date is filled in from the text.
    ticked = {box["value"] for box in soup.select(".proposals input[checked]")}
    assert ticked == set(proposal_ids(tip))
    assert soup.find("input", attrs={"name": "event_date"})["value"] == "2031-05-24"
    link = soup.select_one(".moderation-facts a")
    assert set(link["rel"]) >= {"nofollow", "noopener", "ugc"}


# ---------------------------------------------------------------- decisions


def test_accepting_makes_a_draft_article_about_the_video_and_people(moderator, tip):
    response = moderator.post(f"/admin/submissions/{tip.pk}/accept/", {
        "action": "article", "article_title": "Joji’s “Run” gets a sequel", "section": "",
        "language": "en", "proposals": proposal_ids(tip)})
    assert response.status_code == 302
    tip.refresh_from_db()
    page = tip.article
    assert page is not None and not page.live and page.has_unpublished_changes
    assert page.get_parent().slug == "news"
    assert page.title == "Joji’s “Run” gets a sequel"
    assert set(page.videos.all()) == {Work.objects.get(slug="joji-run")}
    assert {p.slug for p in page.people.all()} >= {"joji", "aisultan-seitov"}
    assert "<script" not in page.body
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in page.body  # the words, not a script
    assert [s.url for s in page.sources.all()] == ["https://example.com/joji-run-2"]
    assert page.get_latest_revision() is not None
    assert tip.status == Submission.Status.ACCEPTED and tip.decided_by.username == "moderator"
    assert tip.text == TIP  # the reader's words stay as the source


def test_accepting_makes_an_announced_release_event(moderator, tip):
    response = moderator.post(f"/admin/submissions/{tip.pk}/accept/", {
        "action": "event", "event_title": "Joji — Run, part two", "event_kind": "video_premiere",
        "event_date": "2031-05-24", "proposals": proposal_ids(tip)})
    assert response.status_code == 302
    event = ReleaseEvent.objects.get(origin=ReleaseEvent.Origin.SUBMISSION)
    assert (event.title, event.kind, event.status) == ("Joji — Run, part two", "video_premiere", "announced")
    assert (event.year, event.month, event.day) == (2031, 5, 24)
    assert event.work == Work.objects.get(slug="joji-run")
    assert list(event.artists.all()) == [Person.objects.get(slug="joji")]
    assert event.source_url == "https://example.com/joji-run-2" and "Online" in event.note
    tip.refresh_from_db()
    assert tip.release_event == event and tip.status == Submission.Status.ACCEPTED
    # The same tip can still become the news story, once.
    moderator.post(f"/admin/submissions/{tip.pk}/accept/", {"action": "article", "article_title": "Sequel",
                                                            "language": "en"})
    moderator.post(f"/admin/submissions/{tip.pk}/accept/", {"action": "article", "article_title": "Again",
                                                            "language": "en"})
    assert ArticlePage.objects.filter(title__in=["Sequel", "Again"]).count() == 1
    moderator.post(f"/admin/submissions/{tip.pk}/accept/", {
        "action": "event", "event_title": "Twice", "event_kind": "other", "event_date": "2031"})
    assert ReleaseEvent.objects.filter(origin=ReleaseEvent.Origin.SUBMISSION).count() == 1


def test_only_the_ticked_proposals_are_linked(moderator, tip):
    works = proposal_ids(tip, Proposal.Kind.WORK)
    moderator.post(f"/admin/submissions/{tip.pk}/accept/", {
        "action": "article", "article_title": "Only the video", "language": "en", "proposals": works})
    page = Submission.objects.get(pk=tip.pk).article
    assert page.videos.count() == 1 and page.people.count() == 0


def test_an_event_without_a_date_is_refused_and_the_form_kept(moderator, tip):
    response = moderator.post(f"/admin/submissions/{tip.pk}/accept/", {
        "action": "event", "event_title": "My typed title", "event_kind": "other", "event_date": "",
        "proposals": proposal_ids(tip)})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Fill this in to go on." in body and "My typed title" in body
    response = moderator.post(f"/admin/submissions/{tip.pk}/accept/", {
        "action": "event", "event_title": "My typed title", "event_kind": "other", "event_date": "someday"})
    assert "could not read “someday” as one date" in response.content.decode()
    assert not ReleaseEvent.objects.filter(origin=ReleaseEvent.Origin.SUBMISSION).exists()
    assert Submission.objects.get(pk=tip.pk).status == Submission.Status.NEW


def test_rejecting_records_the_reason(moderator, tip):
    response = moderator.post(f"/admin/submissions/{tip.pk}/reject/", {"reason": ""})
    assert response.status_code == 200 and "Say why it is rejected" in response.content.decode()
    assert Submission.objects.get(pk=tip.pk).status == Submission.Status.NEW
    moderator.post(f"/admin/submissions/{tip.pk}/reject/", {"reason": "We could not confirm it"})
    tip.refresh_from_db()
    assert (tip.status, tip.reason) == ("rejected", "We could not confirm it")
    assert tip.decided_by.username == "moderator"
    assert tip.decided_at is not None
    # A rejected tip cannot be turned into an article afterwards.
    moderator.post(f"/admin/submissions/{tip.pk}/accept/", {"action": "article", "article_title": "Late",
                                                            "language": "en"})
    assert not ArticlePage.objects.filter(title="Late").exists()
    page = moderator.get(f"/admin/submissions/{tip.pk}/").content.decode()
    assert "We could not confirm it" in page and 'name="action"' not in page


def test_moderating_gives_no_more_rights_than_the_editor_has(client, tip):
    client.force_login(make_user("limited", "submissions.moderate_submission"))
    response = client.post(f"/admin/submissions/{tip.pk}/accept/", {
        "action": "article", "article_title": "Sneaky", "language": "en"}, follow=True)
    assert "You may not add articles to “News”" in response.content.decode()
    response = client.post(f"/admin/submissions/{tip.pk}/accept/", {
        "action": "event", "event_title": "Sneaky", "event_kind": "other", "event_date": "2031"}, follow=True)
    assert "You may not add release events" in response.content.decode()
    assert not ArticlePage.objects.filter(title="Sneaky").exists()
    assert not ReleaseEvent.objects.filter(title="Sneaky").exists()
    assert Submission.objects.get(pk=tip.pk).status == Submission.Status.NEW


def test_the_text_can_be_read_again_after_the_catalog_grows(moderator):
    submission = Submission.objects.create(text="Sherrie Newname directed the new Joji video “Run”.")
    analyse(submission.pk)
    assert not submission.proposals.filter(person__name="Sherrie Newname").exists()
    Person.objects.create(name="Sherrie Newname", slug="sherrie-newname")
    moderator.post(f"/admin/submissions/{submission.pk}/analyse/")
    assert submission.proposals.filter(person__name="Sherrie Newname").exists()
