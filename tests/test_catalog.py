import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import Credit, Membership, Person, Role, Work, WorkLink
from catalog.spelling import guess_script, name_key

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("a, b", [
    ("Beyoncé", "beyonce"), ("Kim Woo-hyung", "kim woo hyung"), ("Пётр", "петр"),
    ("  Lee   Sung Jin ", "lee sung jin"),
])
def test_name_key_folds_what_spellings_of_one_name_share(a, b):
    assert name_key(a) == name_key(b)


def test_name_key_keeps_cyrillic_short_i():
    assert name_key("Айсултан") != name_key("Аисултан")


@pytest.mark.parametrize("text, script", [("Lee Sung Jin", "Latn"), ("Ли Сон Джин", "Cyrl"),
                                          ("이성진", "Hang"), ("123", "Zyyy")])
def test_script_is_recognised_from_the_letters(text, script):
    assert guess_script(text) == script


def test_a_second_person_with_the_same_name_needs_a_disambiguation():
    twin = Person(name="aisultan  SEITOV", slug="seitov-2")
    with pytest.raises(ValidationError) as err:
        twin.full_clean()
    assert "already in the catalog" in str(err.value)
    twin.disambiguation = "a different Aisultan Seitov, photographer"
    twin.full_clean()


def test_group_membership_and_aliases_from_the_demo():
    bts = Person.objects.get(slug="bts")
    assert bts.kind == Person.Kind.GROUP
    assert "RM" in [m.member.name for m in Membership.objects.filter(group=bts)]
    seitov = Person.objects.get(slug="aisultan-seitov")
    scripts = {n.name: n.script for n in seitov.names.all()}
    assert scripts["Айсултан Сеитов"] == "Cyrl"


def test_a_work_cannot_link_to_itself():
    run = Work.objects.get(slug="joji-run")
    link = WorkLink(source=run, target=run, kind="references")
    with pytest.raises(ValidationError, match="cannot link to itself"):
        link.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        link.save()


def test_a_group_cannot_be_its_own_member():
    bts = Person.objects.get(slug="bts")
    with pytest.raises(ValidationError, match="member of itself"):
        Membership(group=bts, member=bts).full_clean()


def test_only_cast_credits_carry_a_character():
    credit = Credit(work=Work.objects.get(slug="joji-run"),
                    person=Person.objects.get(slug="aisultan-seitov"),
                    role=Role.EDITOR, character="a driver")
    with pytest.raises(ValidationError, match="Only cast"):
        credit.clean()


def test_the_same_credit_twice_is_refused():
    run = Work.objects.get(slug="joji-run")
    director = Person.objects.get(slug="aisultan-seitov")
    with pytest.raises(IntegrityError), transaction.atomic():
        Credit.objects.create(work=run, person=director, role=Role.DIRECTOR)


def test_release_dates_keep_their_precision():
    sanctuary = Work.objects.get(slug="joji-sanctuary")
    assert sanctuary.release.precision == "month"
    assert sanctuary.release.display("en") == "June 2019"
    run = Work.objects.get(slug="joji-run")
    assert run.release.isoformat() == "2020-02-06"


def test_an_impossible_release_date_is_refused_by_the_model():
    work = Work(title="Test", slug="test-work", release_year=2023, release_month=2, release_day=30)
    with pytest.raises(ValidationError, match="no day 30"):
        work.full_clean()


def test_a_production_company_is_credited_like_a_person(client):
    studio = Person.objects.create(name="Partizan Test Studio", slug="partizan-test",
                                   kind=Person.Kind.COMPANY)
    run = Work.objects.get(slug="joji-run")
    Credit.objects.create(work=run, person=studio, role=Role.PRODUCTION_COMPANY)
    page = client.get("/people/partizan-test/").content.decode()
    assert "Company" in page and "Production company" in page and "Run" in page
