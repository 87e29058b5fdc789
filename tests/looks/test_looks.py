"""A video file in, its look on the site: pace, named colours, strip, contact sheet, similar looks,
and a director's signature."""
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from catalog.models import Work
from looks.models import VideoLook, validate_video_file

pytestmark = pytest.mark.django_db


def make_video(path, colours, seconds=1.5):
    inputs = []
    for colour in colours:
        inputs += ["-f", "lavfi", "-i", f"color=c={colour}:s=192x108:r=25:d={seconds}"]
    concat = "".join(f"[{i}]" for i in range(len(colours))) + f"concat=n={len(colours)}:v=1"
    subprocess.run(["ffmpeg", "-v", "error", "-y", *inputs, "-filter_complex", concat,
                    "-pix_fmt", "yuv420p", str(path)], check=True)
    return path


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def analysed(tmp_path, django_capture_on_commit_callbacks):
    def run(slug, colours, keep=False):
        video = make_video(tmp_path / f"{slug}.mp4", colours)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("analyze_video", str(video), video=slug, keep=keep)
        return VideoLook.objects.get(work__slug=slug)
    return run


def test_a_file_gives_the_video_page_its_look(analysed, client, media):
    look = analysed("joji-run", ["#ff00ff", "#008080", "#ff00ff"])
    assert look.status == "done" and look.report["pace"]["shots"] == 3
    assert {c["name"] for c in look.palette} >= {"bright magenta"}
    assert (media / look.palette_strip.name).exists() and (media / look.contact_sheet.name).exists()
    assert not look.source  # the original is discarded after analysis by default
    page = client.get("/videos/joji-run/").content.decode()
    assert "The look" in page and "bright magenta" in page and look.palette_strip.url in page
    # Swatches are SVG fills: a style attribute would break the strict Content Security Policy.
    assert 'fill="#' in page and 'style="' not in page


def test_similar_looks_and_a_directors_signature(analysed, client):
    analysed("joji-run", ["#ff00ff", "#008080"])
    analysed("joji-sanctuary", ["#fe02fd", "#018081"])
    analysed("rm-come-back-to-me", ["#f5deb3", "#8b4513"])
    run = VideoLook.objects.get(work__slug="joji-run")
    closest = Work.objects.get(pk=run.similar[0][0])
    assert closest.slug == "joji-sanctuary"
    page = client.get("/videos/joji-run/").content.decode()
    assert "Similar look" in page and "Sanctuary" in page
    director = client.get("/people/aisultan-seitov/").content.decode()
    assert "Signature" in director and "bright magenta" in director


def test_a_stored_director_page_gains_and_loses_the_signature_with_the_look(
        analysed, client, django_capture_on_commit_callbacks):
    """The signature is part of the person page's stored snapshot: a finished analysis, and a
    removed look, rebuild the pages of the video's director and cinematographer."""
    from catalog import snapshots
    from catalog.models import Person, PersonSnapshot

    snapshots.store_people(Person.objects.values_list("pk", flat=True))
    director = "/people/aisultan-seitov/"
    assert "Signature" not in client.get(director).content.decode()
    look = analysed("joji-run", ["#ff00ff", "#008080"])
    assert PersonSnapshot.objects.get(person__slug="aisultan-seitov").data["signature"]["count"] == 1
    assert "bright magenta" in client.get(director).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # attached to another video by mistake
        look.work = Work.objects.get(slug="childish-gambino-this-is-america")
        look.save()
    assert "Signature" not in client.get(director).content.decode()
    assert "bright magenta" in client.get("/people/hiro-murai/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        look.delete()
    assert "Signature" not in client.get("/people/hiro-murai/").content.decode()


def test_keeping_the_original_is_a_choice(analysed):
    assert analysed("joji-run", ["#ff0000", "#0000ff"], keep=True).source


@pytest.mark.django_db(transaction=True)
def test_a_broken_file_fails_with_a_reason_and_the_page_still_works(tmp_path, client, committed_demo):
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"this is not a video at all")
    with pytest.raises(CommandError) as err:  # committed: the inline task runs before the reply
        call_command("analyze_video", str(broken), video="joji-run")
    look = VideoLook.objects.get(work__slug="joji-run")
    assert look.status == "failed" and look.error
    assert err.value.returncode == 2
    assert client.get("/videos/joji-run/").status_code == 200


@pytest.mark.parametrize("name, size, message", [("clip.exe", 10, "Upload a video file"),
                                                 ("clip.mp4", 3 * 2**30, "the limit is")])
def test_uploads_are_limited_in_type_and_size(name, size, message):
    upload = SimpleUploadedFile(name, b"x")
    upload.size = size
    with pytest.raises(ValidationError, match=message):
        validate_video_file(upload)


def test_unknown_video_slug_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no music video 'nope'"):
        call_command("analyze_video", str(tmp_path / "x.mp4"), video="nope")


def test_saving_a_failed_look_again_retries_it(tmp_path, django_capture_on_commit_callbacks):
    video = make_video(tmp_path / "ok.mp4", ["#ff0000", "#00ff00"])
    look = VideoLook(work=Work.objects.get(slug="joji-run"), keep_original=True)
    with open(video, "rb") as handle, django_capture_on_commit_callbacks(execute=True):
        from django.core.files import File

        look.source.save("ok.mp4", File(handle))
    VideoLook.objects.filter(pk=look.pk).update(status="failed", error="ffmpeg was missing")
    look.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        look.save()  # what the admin's Save does
    look.refresh_from_db()
    assert look.status == "done" and look.error == ""


def test_an_editor_uploads_a_video_in_the_admin(client, tmp_path, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.com", "pw"))
    video = make_video(tmp_path / "upload.mp4", ["#ff00ff", "#008080"])
    run = Work.objects.get(slug="joji-run")
    with open(video, "rb") as handle, django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/snippets/looks/videolook/add/",
                               {"work": run.pk, "source": handle, "keep_original": ""})
    assert response.status_code == 302, response.content.decode()[:500]
    look = VideoLook.objects.get(work=run)
    assert look.status == "done" and not look.source


def test_the_admin_refuses_a_file_that_is_not_a_video_and_says_why(client, tmp_path):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.com", "pw"))
    upload = SimpleUploadedFile("notes.txt", b"not a video")
    response = client.post("/admin/snippets/looks/videolook/add/",
                           {"work": Work.objects.get(slug="joji-run").pk, "source": upload})
    assert response.status_code == 200
    assert "Upload a video file" in response.content.decode()
    assert not VideoLook.objects.exists()
