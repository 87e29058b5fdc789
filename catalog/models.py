"""The catalog: people and groups, works (songs, albums, music videos, films, series), credits.

A person's page shows one filmography across every kind of work, so credits hang off a single
Work model whose `kind` says what it is, instead of one table per kind.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from deepcuts.snapshots import Snapshot

from .dates import PartialDate, PartialDateError, validate_parts
from .forms import PersonForm, WorkForm
from .spelling import Script, guess_script, name_key


class Person(index.Indexed, ClusterableModel):
    """A person, a group or a company: all of them get credits (a production company is
    credited like a director), so they share one table."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        GROUP = "group", _("Group")
        COMPANY = "company", _("Company")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=200,
                            help_text=_("The name most readers know, usually in Latin script."))
    disambiguation = models.CharField(
        _("disambiguation"), max_length=100, blank=True,
        help_text=_("Tells apart people with the same name, e.g. “cinematographer” or “born 1990”."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    country = models.CharField(_("country"), max_length=2, blank=True,
                               help_text=_("Two-letter ISO code, e.g. KR, RU, US."))
    genres = models.CharField(_("genres"), max_length=200, blank=True,
                              help_text=_("Comma-separated, e.g. “hip hop, lo-fi”."))
    bio = models.TextField(_("short bio"), blank=True)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    base_form_class = PersonForm
    panels = [
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
            FieldRowPanel([FieldPanel("slug"), FieldPanel("disambiguation")]),
            FieldRowPanel([FieldPanel("country"), FieldPanel("genres")]),
            FieldPanel("bio"),
        ], heading=_("Identity")),
        InlinePanel("names", heading=_("Other names and spellings"), label=_("Name")),
        InlinePanel("memberships", heading=_("Members (groups only)"), label=_("Member")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        # The admin's search box autocompletes: other spellings must be autocomplete fields too.
        index.RelatedFields("names", [index.SearchField("name"), index.AutocompleteField("name")]),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person or group")
        verbose_name_plural = _("people and groups")
        constraints = [
            models.UniqueConstraint(fields=["name_key", "disambiguation"],
                                    name="person_unique_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.disambiguation})" if self.disambiguation else self.name

    def get_absolute_url(self):
        return reverse("catalog:person", args=[self.slug])

    @property
    def genre_list(self) -> list[str]:
        return [g.strip() for g in self.genres.split(",") if g.strip()]

    def all_names(self) -> list[str]:
        return [self.name] + [n.name for n in self.names.all()]

    def clean(self):
        self.name_key = name_key(self.name)
        if self.country:
            self.country = self.country.upper()
            if not (len(self.country) == 2 and self.country.isalpha()):
                raise ValidationError({"country": _("Use a two-letter country code such as KR.")})
        clash = Person.objects.filter(name_key=self.name_key, disambiguation=self.disambiguation)
        if self.pk:
            clash = clash.exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"name": _(
                "“%(name)s” is already in the catalog. If this is a different person, "
                "fill in “disambiguation” to tell them apart."
            ) % {"name": self.name}})

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)


class PersonName(Orderable):
    """Another spelling of a person's name: a script, a language, a stage name."""

    person = ParentalKey(Person, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=200)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices, blank=True,
                              help_text=_("Left empty, it is worked out from the letters."))
    language = models.CharField(_("language"), max_length=8, blank=True,
                                help_text=_("e.g. ru, en, ko"))
    name_key = models.CharField(max_length=200, editable=False, db_index=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("script"), FieldPanel("language")])]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["person", "name_key"], name="person_name_unique"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        if not self.script:
            self.script = guess_script(self.name)
        super().save(*args, **kwargs)


class Membership(Orderable):
    """RM is a member of BTS."""

    group = ParentalKey(Person, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="member_of",
                               verbose_name=_("member"))
    since = models.PositiveSmallIntegerField(_("since (year)"), null=True, blank=True)
    until = models.PositiveSmallIntegerField(_("until (year)"), null=True, blank=True)

    panels = [FieldRowPanel([FieldPanel("member"), FieldPanel("since"), FieldPanel("until")])]

    def clean(self):
        if self.group_id and self.group_id == self.member_id:
            raise ValidationError({"member": _("A group cannot be a member of itself.")})

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="membership_unique"),
            models.CheckConstraint(
                condition=~Q(group=models.F("member")), name="membership_not_self",
                violation_error_message=_("A group cannot be a member of itself."),
            ),
        ]

    def __str__(self):
        return f"{self.member} in {self.group}"


class ReleaseStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    ANNOUNCED = "announced", _("Announced")


class Work(index.Indexed, ClusterableModel):
    """A song, album, music video, film or series."""

    class Kind(models.TextChoices):
        MUSIC_VIDEO = "music_video", _("Music video")
        SONG = "song", _("Song")
        ALBUM = "album", _("Album")
        FILM = "film", _("Film")
        SERIES = "series", _("Series")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices,
                            default=Kind.MUSIC_VIDEO)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    song = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="videos", limit_choices_to={"kind": "song"},
                             verbose_name=_("song"))
    album = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="tracks", limit_choices_to={"kind": "album"},
                              verbose_name=_("album"))
    release_year = models.PositiveSmallIntegerField(_("release year"), null=True, blank=True)
    release_month = models.PositiveSmallIntegerField(_("release month"), null=True, blank=True)
    release_day = models.PositiveSmallIntegerField(_("release day"), null=True, blank=True)
    release_status = models.CharField(_("release status"), max_length=10,
                                      choices=ReleaseStatus.choices,
                                      default=ReleaseStatus.CONFIRMED)
    video_url = models.URLField(_("official video link"), blank=True)
    duration = models.DurationField(_("duration"), null=True, blank=True,
                                    help_text=_("hh:mm:ss, e.g. 00:03:45"))
    description = models.TextField(_("description"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    base_form_class = WorkForm
    panels = [
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
            FieldPanel("slug"),
            FieldRowPanel([FieldPanel("song"), FieldPanel("album")]),
        ], heading=_("Work")),
        InlinePanel("artists", heading=_("Artists"), label=_("Artist")),
        InlinePanel("titles", heading=_("Titles in other languages"), label=_("Title")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("release_year"), FieldPanel("release_month"),
                           FieldPanel("release_day")]),
            FieldPanel("release_status"),
        ], heading=_("Release date (fill in what is known)")),
        FieldRowPanel([FieldPanel("video_url"), FieldPanel("duration")]),
        FieldPanel("description"),
        InlinePanel("credits", heading=_("Credits"), label=_("Credit")),
        InlinePanel("links_out", heading=_("Links to other works"), label=_("Link")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.RelatedFields("titles", [index.SearchField("title"), index.AutocompleteField("title")]),
    ]

    class Meta:
        ordering = ["-release_year", "-release_month", "-release_day", "title"]
        verbose_name = _("work")
        verbose_name_plural = _("works")
        indexes = [models.Index(fields=["kind", "release_year"])]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display().lower()})"

    def get_absolute_url(self):
        if self.kind == self.Kind.MUSIC_VIDEO:
            return reverse("catalog:video", args=[self.slug])
        return reverse("catalog:work", args=[self.slug])

    @property
    def release(self) -> PartialDate | None:
        if self.release_year is None and self.release_month is None:
            return None
        return PartialDate(self.release_year, self.release_month, self.release_day)

    @release.setter
    def release(self, value: PartialDate | None):
        value = value or PartialDate()
        self.release_year, self.release_month, self.release_day = (
            value.year, value.month, value.day)

    def artist_people(self) -> list[Person]:
        return [a.person for a in self.artists.all()]

    def clean(self):
        try:
            validate_parts(self.release_year, self.release_month, self.release_day)
        except PartialDateError as exc:
            raise ValidationError({"release_day": str(exc)}) from exc
        if self.song_id and self.song_id == self.pk:
            raise ValidationError({"song": _("A work cannot be its own song.")})
        if self.album_id and self.album_id == self.pk:
            raise ValidationError({"album": _("A work cannot be its own album.")})


class WorkTitle(Orderable):
    work = ParentalKey(Work, on_delete=models.CASCADE, related_name="titles")
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=8, help_text=_("e.g. ru, ko"))

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("language")])]

    def __str__(self):
        return self.title


class WorkArtist(Orderable):
    """Artists in billing order: "Artist A & Artist B" is not the same as "B & A"."""

    work = ParentalKey(Work, on_delete=models.CASCADE, related_name="artists")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="works_as_artist",
                               verbose_name=_("artist"))

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["work", "person"], name="work_artist_unique"),
        ]


def artists_with_people(*order: str) -> models.Prefetch:
    """Prefetch works' artists with their people in one query: `artists__person` would take a
    second query for the people, and every page that lists works shows artists."""
    queryset = WorkArtist.objects.select_related("person")
    return models.Prefetch("artists", queryset=queryset.order_by(*order) if order else queryset)


class Role(models.TextChoices):
    """The controlled role list; the order here is the order of a credits box."""

    DIRECTOR = "director", _("Director")
    CREATOR = "creator", _("Creator")
    SCREENWRITER = "screenwriter", _("Screenwriter")
    PRODUCER = "producer", _("Producer")
    PRODUCTION_COMPANY = "production_company", _("Production company")
    CINEMATOGRAPHER = "cinematographer", _("Cinematographer")
    ART_DIRECTOR = "art_director", _("Art director")
    PRODUCTION_DESIGNER = "production_designer", _("Production designer")
    EDITOR = "editor", _("Editor")
    CHOREOGRAPHER = "choreographer", _("Choreographer")
    STYLIST = "stylist", _("Stylist")
    LIGHTING = "lighting", _("Lighting")
    VFX = "vfx", _("VFX")
    COLORIST = "colorist", _("Colorist")
    ANIMATOR = "animator", _("Animator")
    SONGWRITER = "songwriter", _("Songwriter")
    CAST = "cast", _("Cast")


ROLE_ORDER = {value: i for i, value in enumerate(Role.values)}


class Credit(Orderable):
    """Who did what on a work, and where we learned it."""

    work = ParentalKey(Work, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits",
                               verbose_name=_("person or company"))
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    credited_as = models.CharField(_("credited as"), max_length=200, blank=True,
                                   help_text=_("The name as printed, when it differs."))
    character = models.CharField(_("on screen"), max_length=200, blank=True,
                                 help_text=_("Cast only: whom they play or what they do."))
    source_article = models.ForeignKey("wagtailcore.Page", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+",
                                       verbose_name=_("source article"))
    source_quote = models.TextField(_("quoted sentence"), blank=True)
    source_url = models.URLField(_("source link"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("credited_as"), FieldPanel("character")]),
        FieldRowPanel([FieldPanel("source_article"), FieldPanel("source_url")]),
        FieldPanel("source_quote"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["work", "person", "role"], name="credit_unique",
                violation_error_message=_("This person already has this role on this work."),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} – {self.work.title}"

    def clean(self):
        if self.character and self.role != Role.CAST:
            raise ValidationError({"character": _("Only cast credits say who is played on screen.")})


class WorkLink(Orderable):
    """A typed link from one work to another, read in both directions on the pages."""

    class Kind(models.TextChoices):
        REFERENCES = "references", _("references")
        CONTINUES = "continues", _("continues the story of")
        SAME_UNIVERSE = "same_universe", _("is set in the same universe as")
        QUOTES_FILM = "quotes_film", _("quotes the film")

    # How the link reads from the other end, for the target's page.
    INVERSE = {
        "references": _("is referenced by"),
        "continues": _("is continued by"),
        "same_universe": _("shares a universe with"),
        "quotes_film": _("is quoted by"),
    }

    source = ParentalKey(Work, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="links_in",
                               verbose_name=_("linked work"))
    kind = models.CharField(_("link"), max_length=16, choices=Kind.choices,
                            default=Kind.REFERENCES)
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("target")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="work_link_unique",
                violation_error_message=_("This link is already there."),
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="work_link_not_self",
                violation_error_message=_("A work cannot link to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.source.title} {self.get_kind_display()} {self.target.title}"

    def clean(self):
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("A work cannot link to itself: pick another work.")})

    def inverse_label(self) -> str:
        return str(self.INVERSE[self.kind])


class WorkSnapshot(Snapshot):
    """What a music video page shows from other tables: artists, titles, credits, references
    and the other videos of its director and cinematographer (see `snapshots`). One row read
    with the video instead of eight queries; dropped when any of it changes and built again in
    the background."""

    work = models.OneToOneField(Work, on_delete=models.CASCADE, primary_key=True, related_name="snapshot")

    class Meta:
        verbose_name = _("video snapshot")


class PersonSnapshot(Snapshot):
    """What a person page shows from other tables: other names, works as an artist, groups and
    members, the filmography (see `snapshots`); dropped when any of it changes."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, primary_key=True, related_name="snapshot")

    class Meta:
        verbose_name = _("person snapshot")
