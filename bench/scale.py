"""Fill a database with a catalog and archive at the scale the benchmarks are judged at.

    .venv/bin/python bench/scale.py                      # SQLite at var/scale.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/deepcuts_scale .venv/bin/python bench/scale.py
    .venv/bin/python bench/scale.py --factor 0.01        # 1% of the size, for trying things out

Default size: 100,000 music videos, 400,000 credits, 200,000 articles (half Russian, half
English), 50,000 people with Cyrillic and Latin spellings of their names. The demo content is
loaded first, so every demo page and name exists at scale too. Rows go in with bulk inserts
(signals do not fire), then the derived data (search index, related reading, calendar) is built
by the same commands an operator would run after an import.

Text is assembled from templates we wrote, with names and titles from generated syllables, so
search and similarity see realistic variety: inflected Russian, both scripts, shared vocabulary.
"""
import argparse
import os
import random
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Latin and Cyrillic spellings of the same syllables: a person gets both, as aliases.
GIVEN = [("Min", "Мин"), ("Seo", "Со"), ("Jin", "Джин"), ("Hyun", "Хён"), ("Woo", "У"), ("Ji", "Джи"),
         ("Yeon", "Ён"), ("Soo", "Су"), ("Ha", "Ха"), ("Jun", "Джун"), ("Tae", "Тхэ"), ("Eun", "Ын"),
         ("Sung", "Сон"), ("Hee", "Хи"), ("Young", "Ён"), ("Kyung", "Гён"), ("Dong", "Дон"), ("Ho", "Хо"),
         ("Na", "На"), ("Ra", "Ра"), ("Bin", "Бин"), ("Chan", "Чхан"), ("Il", "Иль"), ("Joon", "Джун")]
KOREAN_SURNAMES = [("Kim", "Ким"), ("Lee", "Ли"), ("Park", "Пак"), ("Choi", "Чхве"), ("Jung", "Чон"),
                   ("Kang", "Кан"), ("Cho", "Чо"), ("Yoon", "Юн"), ("Jang", "Чан"), ("Lim", "Лим")]
RUSSIAN_GIVEN = [("Aleksei", "Алексей"), ("Dmitry", "Дмитрий"), ("Ivan", "Иван"), ("Anna", "Анна"),
                 ("Maria", "Мария"), ("Pavel", "Павел"), ("Olga", "Ольга"), ("Sergei", "Сергей"),
                 ("Yulia", "Юлия"), ("Fyodor", "Фёдор"), ("Artyom", "Артём"), ("Daria", "Дарья")]
RUSSIAN_SURNAMES = [("Seitov", "Сеитов"), ("Volkov", "Волков"), ("Orlov", "Орлов"),
                    ("Sokolov", "Соколов"), ("Lebedev", "Лебедев"), ("Kozlov", "Козлов"),
                    ("Novikov", "Новиков"), ("Morozov", "Морозов"), ("Belov", "Белов"),
                    ("Zaitsev", "Зайцев"), ("Gromov", "Громов"), ("Fedorov", "Фёдоров")]
ENGLISH_GIVEN = ["Dan", "Eoin", "Grace", "Tom", "Ruth", "Oscar", "Nina", "Leo", "Ivy", "Sam", "Maya", "Joe"]
ENGLISH_SURNAMES = ["Streit", "Glaister", "Harlow", "Quinn", "Mercer", "Fenwick", "Ashby", "Lowry",
                    "Doyle", "Hale", "Pryce", "Wexler"]
TITLE_WORDS = ["Midnight", "Glass", "River", "Echo", "Velvet", "Static", "Neon", "Paper", "Summer",
               "Ghost", "Silver", "Highway", "Orbit", "Honey", "Signal", "Wildfire", "Tide", "Mirror",
               "Parade", "Lantern", "Gravity", "Satellite", "Harbor", "Cinder", "Atlas", "Bloom"]
ROLES = ["director", "cinematographer", "editor", "producer", "production_designer", "choreographer",
         "colorist", "screenwriter", "cast"]

EN_SENTENCES = [
    "{director} directed the video for {title}, and it looks like nothing else {artist} has released.",
    "The cinematographer {dop} shoots most of {title} in long, unbroken takes.",
    "Watch the colours: the grade moves from cold blue to warm amber as the song builds.",
    "Fans have already found three references to older videos hidden in the background.",
    "{artist} spent two days on set, most of it in the rain, for a clip that lasts four minutes.",
    "The editing is patient; the cuts land on the beat only in the final chorus.",
    "Critics compared the choreography to musicals from the fifties.",
    "It is the third time {director} and {artist} have made a video together.",
    "The set was built in a warehouse and taken apart the day after filming.",
    "Behind the scenes footage shows the crew directing traffic around a closed street.",
]
RU_SENTENCES = [
    "{director} снял клип на песню «{title}», и он не похож ни на одно прежнее видео {artist}.",
    "Оператор {dop} снимает почти весь клип длинными планами без монтажных склеек.",
    "Следите за цветом: к припеву холодный синий сменяется тёплым янтарным.",
    "Поклонники уже нашли в кадре три отсылки к старым клипам.",
    "Съёмки шли два дня, почти всё время под дождём, ради четырёх минут видео.",
    "Монтаж неторопливый: склейки попадают в бит только в последнем припеве.",
    "Критики сравнивали хореографию с мюзиклами пятидесятых годов.",
    "Это уже третий клип, который {director} и {artist} сделали вместе.",
    "Декорации построили на складе и разобрали на следующий день после съёмок.",
    "На кадрах со съёмок видно, как группа перекрывает улицу для проезда камеры.",
]
# Articles given related picks at full scale; the rest would add an hour and change no page figure.
RELATED_NEWEST = 5_000
TAGS = ["k-pop", "hip-hop", "animation", "one-take", "dance", "short-film", "behind-the-scenes",
        "premiere", "interview", "review", "colour", "choreography"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factor", type=float, default=1.0, help="scale every count by this")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true",
                        help="reuse the database if it already holds generated rows")
    return parser.parse_args()


def setup_django():
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'scale.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "deepcuts.settings.test"
    (ROOT / "var").mkdir(exist_ok=True)
    import django

    django.setup()


def person_names(rng: random.Random, i: int) -> tuple[str, str | None]:
    """A Latin name and, where the name has one, its Cyrillic spelling.

    Names repeat, as they do in a real catalog; the disambiguation tells the records apart.
    """
    kind = i % 3
    if kind == 0:
        surname, given1, given2 = rng.choice(KOREAN_SURNAMES), rng.choice(GIVEN), rng.choice(GIVEN)
        return f"{surname[0]} {given1[0]} {given2[0]}", f"{surname[1]} {given1[1]} {given2[1]}"
    if kind == 1:
        given, surname = rng.choice(RUSSIAN_GIVEN), rng.choice(RUSSIAN_SURNAMES)
        return f"{given[0]} {surname[0]}", f"{given[1]} {surname[1]}"
    return f"{rng.choice(ENGLISH_GIVEN)} {rng.choice(ENGLISH_SURNAMES)}", None


def generate(factor: float, seed: int) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from taggit.models import Tag
    from wagtail.models import Page

    from catalog.models import Credit, Person, PersonName, Work, WorkArtist
    from catalog.spelling import guess_script, name_key
    from editorial.models import ArticlePage, ArticleTag, SectionPage

    rng = random.Random(seed)
    n_people, n_videos = int(50_000 * factor), int(100_000 * factor)
    n_credits, n_articles = int(400_000 * factor), int(200_000 * factor)
    counts = {}
    batch = 5_000

    start = time.perf_counter()
    with transaction.atomic():
        people, aliases = [], []
        for i in range(n_people):
            latin, cyrillic = person_names(rng, i)
            people.append(Person(kind="person" if i % 10 else "group", name=latin,
                                 slug=f"scale-person-{i}", name_key=name_key(latin),
                                 disambiguation=f"generated {i}"))
            if cyrillic:
                aliases.append((i, cyrillic))
        Person.objects.bulk_create(people, batch_size=batch)
        ids = dict(Person.objects.filter(slug__startswith="scale-person-").values_list("slug", "pk"))
        person_ids = [ids[f"scale-person-{i}"] for i in range(n_people)]
        PersonName.objects.bulk_create(
            [PersonName(person_id=person_ids[i], name=name, name_key=name_key(name),
                        script=guess_script(name), language="ru", sort_order=0) for i, name in aliases],
            batch_size=batch)
        counts["people"] = n_people
        counts["aliases"] = len(aliases)

        works = []
        for i in range(n_videos):
            title = " ".join(rng.sample(TITLE_WORDS, rng.choice((1, 2, 2, 3))))
            works.append(Work(kind="music_video", title=title, slug=f"scale-video-{i}",
                              release_year=rng.randint(1981, 2026), release_month=rng.randint(1, 12),
                              release_day=rng.choice((None, rng.randint(1, 28))),
                              description=f"A generated video for the scale benchmarks, number {i}."))
        Work.objects.bulk_create(works, batch_size=batch)
        wids = dict(Work.objects.filter(slug__startswith="scale-video-").values_list("slug", "pk"))
        video_ids = [wids[f"scale-video-{i}"] for i in range(n_videos)]
        artist_of = [rng.randrange(n_people) for _ in range(n_videos)]
        WorkArtist.objects.bulk_create(
            [WorkArtist(work_id=video_ids[i], person_id=person_ids[artist_of[i]], sort_order=0)
             for i in range(n_videos)], batch_size=batch)
        director_of = {}
        credits, seen = [], set()
        c = 0
        while len(credits) < n_credits:
            v = c % n_videos
            role = "director" if c < n_videos else rng.choice(ROLES[1:])
            p = rng.randrange(n_people)
            c += 1
            if (v, p, role) in seen:  # one person, one role, once per video
                continue
            seen.add((v, p, role))
            if role == "director":
                director_of[v] = p
            credits.append(Credit(work_id=video_ids[v], person_id=person_ids[p], role=role,
                                  sort_order=c // n_videos))
        Credit.objects.bulk_create(credits, batch_size=batch)
        counts["videos"], counts["credits"] = n_videos, n_credits
    print(f"catalog: {time.perf_counter() - start:.0f} s", file=sys.stderr)

    start = time.perf_counter()
    sections = list(SectionPage.objects.order_by("path"))
    page_type = ContentType.objects.get_for_model(ArticlePage).pk
    cyrillic_of = dict(aliases)
    now = timezone.now()
    Through = {"videos": ArticlePage.videos.through, "people": ArticlePage.people.through}
    tag_ids = [Tag.objects.get_or_create(name=t, defaults={"slug": t})[0].pk for t in TAGS]
    next_child = {s.pk: s.numchild for s in sections}
    columns = [f.column for f in ArticlePage._meta.local_concrete_fields]
    insert_sql = (f'INSERT INTO {ArticlePage._meta.db_table} ({", ".join(columns)}) '
                  f'VALUES ({", ".join(["%s"] * len(columns))})')
    for chunk_start in range(0, n_articles, batch):
        pages, rows, video_links, people_links, tag_links = [], [], [], [], []
        for i in range(chunk_start, min(n_articles, chunk_start + batch)):
            section = sections[i % len(sections)]
            next_child[section.pk] += 1
            v = rng.randrange(n_videos)
            artist = people[artist_of[v]].name
            director = people[director_of.get(v, 0)].name
            dop = people[rng.randrange(n_people)].name
            title_text = works[v].title
            language = "ru" if i % 2 else "en"
            if language == "ru":
                # Russian pieces spell people in Cyrillic where they have such a name.
                artist = cyrillic_of.get(artist_of[v], artist)
                director = cyrillic_of.get(director_of.get(v, 0), director)
                sentences = RU_SENTENCES
                headline = f"«{title_text}»: новый клип {artist}"
            else:
                sentences = EN_SENTENCES
                headline = f"{title_text}: {artist}'s new video"
            picked = rng.sample(sentences, 5)
            text = [s.format(director=director, title=title_text, artist=artist, dop=dop) for s in picked]
            slug = f"scale-article-{i}"
            pages.append(Page(
                title=headline[:255], draft_title=headline[:255], slug=slug,
                content_type_id=page_type, path=section.path + _step(next_child[section.pk]),
                depth=section.depth + 1, numchild=0, live=True, has_unpublished_changes=False,
                url_path=f"{section.url_path}{slug}/", locale_id=section.locale_id,
                translation_key=uuid.uuid4(), first_published_at=now, last_published_at=now,
                show_in_menus=False, seo_title="", search_description="",
            ))
            published = date(2026, 11, 1) - timedelta(days=rng.randrange(6000))
            rows.append([language, text[0], "".join(f"<p>{s}</p>" for s in text), "Deep Cuts",
                         published, None, None, "", v, artist_of[v], director_of.get(v), i])
        Page.objects.bulk_create(pages)
        page_ids = dict(Page.objects.filter(slug__in=[p.slug for p in pages]).values_list("slug", "pk"))
        values = []
        for page, row in zip(pages, rows, strict=True):
            pk = page_ids[page.slug]
            fields = {"page_ptr_id": pk, "language": row[0], "teaser": row[1], "body": row[2],
                      "author": row[3], "date": row[4], "originally_released": row[5],
                      "image_id": row[6], "photo_credit": row[7]}
            values.append([fields[c] for c in columns])
            video_links.append(Through["videos"](articlepage_id=pk, work_id=video_ids[row[8]]))
            people_links.append(Through["people"](articlepage_id=pk, person_id=person_ids[row[9]]))
            if row[10] is not None and row[11] % 3 == 0:
                people_links.append(Through["people"](articlepage_id=pk, person_id=person_ids[row[10]]))
            for tag_id in rng.sample(tag_ids, 2):
                tag_links.append(ArticleTag(content_object_id=pk, tag_id=tag_id))
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.executemany(insert_sql, values)
            Through["videos"].objects.bulk_create(video_links)
            Through["people"].objects.bulk_create(people_links, ignore_conflicts=True)
            ArticleTag.objects.bulk_create(tag_links, ignore_conflicts=True)
    for section in sections:
        Page.objects.filter(pk=section.pk).update(numchild=next_child[section.pk])
    counts["articles"] = n_articles
    print(f"articles: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return counts


def _step(n: int) -> str:
    """Treebeard's path step: four base-36 digits, as Page.steplen and alphabet define."""
    from wagtail.models import Page

    alphabet, out = Page.alphabet, ""
    for _ in range(Page.steplen):
        n, digit = divmod(n, len(alphabet))
        out = alphabet[digit] + out
    return out


def build_derived(articles: int) -> None:
    """Rebuild what signals would have kept up to date, with the commands an operator runs.

    Above 5,000 articles the text encoder is left out (hours of CPU here) and picks are computed
    for the newest 5,000 articles only (every article would take over an hour): those are the
    pages bench/pages_scale.py reads, and bench/related.py times the full computation.
    """
    from django.core.management import call_command
    from django.db import connection

    def analyze():
        # The planner's statistics still describe the empty tables (autovacuum's analyze comes
        # minutes later, or never where it is off): with them it hash-joins all 100,000 works to
        # find an article's one, and reads every stored pick to find an article's ten.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    analyze()
    related_args = ["--skip-text", "--newest", str(RELATED_NEWEST)] if articles > RELATED_NEWEST else []
    for name, args in [("rebuild_search_index", []), ("recompute_related", related_args),
                       ("sync_release_events", []), ("store_snapshots", [])]:
        start = time.perf_counter()
        call_command(name, *args)
        print(f"{name}: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    analyze()  # the picks and events written just now


def create_database() -> None:
    """Create the PostgreSQL database DATABASE_URL names if the server does not have it yet, so
    the command in the docstring works on a fresh server. SQLite creates its file itself."""
    from django.db import OperationalError, connection

    if connection.vendor != "postgresql":
        return
    try:
        connection.ensure_connection()
    except OperationalError:
        name = connection.settings_dict["NAME"]
        # Django's own way in when the database itself is missing: the server's maintenance one.
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        print(f"created database {name}", file=sys.stderr)


def main() -> None:
    args = parse_args()
    setup_django()
    from django.core.management import call_command

    from catalog.models import Work

    create_database()
    call_command("migrate", verbosity=0)
    if args.keep and Work.objects.filter(slug__startswith="scale-video-").exists():
        print("generated rows already there; keeping them", file=sys.stderr)
        return
    if Work.objects.filter(slug__startswith="scale-video-").exists():
        sys.exit("This database already holds generated rows: point DATABASE_URL at an empty one, "
                 "delete var/scale.sqlite3, or pass --keep to reuse it.")
    call_command("load_demo", "--no-admin", stdout=open(os.devnull, "w"))
    counts = generate(args.factor, args.seed)
    build_derived(counts["articles"])
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
