"""Territories, official websites, service catalogues and campaigns."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    code = models.CharField(max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=120)

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    code = models.CharField(max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=120)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departments", verbose_name=_("région")
    )

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Epci(models.Model):
    """An intercommunal body (EPCI à fiscalité propre), identified by its SIREN."""

    siren = models.CharField(max_length=9, primary_key=True)
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=8)  # CC, CA, CU, METRO, MET69
    population = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("intercommunalité")
        verbose_name_plural = _("intercommunalités")

    def __str__(self) -> str:
        return self.name


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
# abbreviations a searcher types for words that official names always spell out
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def name_key(text: str) -> str:
    """`text` as commune names are searched: lower-case ASCII words, accents and ligatures
    spelt out, any punctuation a single space, "St"/"Ste" read as "saint"/"sainte"."""
    plain = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    # a typographic apostrophe or dash ("L’Haÿ", as a phone types it) parts words as "'" and
    # "-" do: dropped with the accents, it glued them ("lhay") and found no commune
    plain = "".join(" " if unicodedata.category(c)[0] in "PSZ" else c for c in plain)
    words = re.findall(r"[a-z0-9]+", plain.encode("ascii", "ignore").decode("ascii").lower())
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


class Commune(models.Model):
    """A current commune (commune-actuelle of the official geographic code)."""

    code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=200)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="communes", verbose_name=_("département")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="communes", verbose_name=_("région")
    )
    siren = models.CharField(max_length=9, blank=True)
    population = models.PositiveIntegerField(_("population municipale"), default=0)
    bracket = models.CharField(_("tranche de population"), max_length=16, db_index=True)
    epci = models.ForeignKey(
        Epci, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    # La Poste's codes of the commune, space-separated ("75001 75002 …"), for the search box
    postcodes = models.CharField(_("codes postaux"), max_length=400, blank=True, default="")
    # the name as searched: lower-case ASCII words ("saint etienne" for Saint-Étienne), kept in
    # step with `name` by save() and the referential loader (name_key)
    search_key = models.CharField(max_length=200, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        indexes = [models.Index(fields=["-population"], name="commune_population_desc")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_key = name_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)

    @staticmethod
    def named(text: str, *, word_start: bool = False) -> models.Q:
        """The communes whose name holds `text` whatever its accents, case, hyphens and
        apostrophes ("saint-etienne", "ST ETIENNE" and "Saint Étienne" all find Saint-Étienne);
        with `word_start`, only where a word of the name begins. Nothing for a text with no
        letter or digit."""
        key = name_key(text)
        if not key:
            return models.Q(pk__in=[])
        if word_start:
            return models.Q(search_key__startswith=key) | models.Q(search_key__contains=f" {key}")
        return models.Q(search_key__contains=key)

    @staticmethod
    def served_by_postcode(code: str) -> models.Q:
        """The communes whose postcodes include `code` (five digits; they are stored
        space-separated, so a five-digit substring is a whole code)."""
        return (
            models.Q(postcodes__contains=code)
            if len(code) == 5 and code.isdigit()
            else models.Q(pk__in=[])
        )


class WebsiteFields(models.Model):
    """What commune and EPCI websites share: URL, host, where it comes from, how sure it is."""

    class Source(models.TextChoices):
        ETALAB_2022 = "etalab-2022", _("Annuaire de l'administration (Etalab, 2022)")
        CURATED = "curated", _("Complément barometre")
        USER = "user", _("Import utilisateur")

    class Confidence(models.TextChoices):
        HIGH = "high", _("élevée")
        MEDIUM = "medium", _("moyenne")
        LOW = "low", _("faible")

    url = models.URLField(_("adresse"), max_length=500)
    host = models.CharField(_("hôte"), max_length=255, db_index=True)
    confidence = models.CharField(_("confiance"), max_length=8, choices=Confidence.choices)
    source = models.CharField(max_length=16, choices=Source.choices)
    note = models.CharField(max_length=300, blank=True)
    is_primary = models.BooleanField(_("site principal"), default=False)
    active = models.BooleanField(_("actif"), default=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.url


class Website(WebsiteFields):
    """An official website of a commune. A commune may have several; one is primary."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="websites")

    class Meta:
        verbose_name = _("site web de commune")
        verbose_name_plural = _("sites web de communes")
        constraints = [
            models.UniqueConstraint(fields=["commune", "url"], name="website_unique_per_commune")
        ]


class EpciWebsite(WebsiteFields):
    """An official website of an intercommunal body; the crawler follows links to it one hop."""

    epci = models.ForeignKey(Epci, on_delete=models.CASCADE, related_name="websites")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["epci", "url"], name="epciwebsite_unique_per_epci")
        ]


class Catalogue(models.Model):
    """One version of a service catalogue, stored as loaded from its YAML file."""

    version = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    domains = models.JSONField(_("domaines"), default=dict)  # domain id -> French label
    sha256 = models.CharField(max_length=64)
    source = models.CharField(max_length=500, blank=True)
    loaded_at = models.DateTimeField(_("chargé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("catalogue")
        verbose_name_plural = _("catalogues")

    def __str__(self) -> str:
        return self.version


class Service(models.Model):
    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="services")
    slug = models.CharField(_("identifiant"), max_length=64)
    label = models.CharField(_("libellé"), max_length=200)
    domain = models.CharField(_("domaine"), max_length=64)
    max_level = models.PositiveSmallIntegerField(_("niveau maximal"))
    cues = models.JSONField(_("indices"), default=list)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["catalogue", "position"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "slug"], name="service_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(max_level__gte=1, max_level__lte=5),
                name="service_max_level_range",
            ),
        ]

    def __str__(self) -> str:
        return self.slug


class Campaign(models.Model):
    """A named measurement round tied to one catalogue version and a set of communes."""

    name = models.CharField(_("nom"), max_length=64, unique=True)
    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT, related_name="campaigns")
    communes = models.ManyToManyField(Commune, related_name="campaigns", blank=True)
    spec = models.CharField(_("sélection de communes"), max_length=500, blank=True)
    is_demo = models.BooleanField(_("données de démonstration"), default=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    # When the sites were measured, which orders campaigns in time (the one before an election,
    # the previous one to compare with): the day of creation unless set, for instance for a
    # past study imported later (the 2014 study imported in 2026 is dated 2014).
    measured_on = models.DateField(
        _("date de la mesure"),
        default=timezone.localdate,
        help_text=_(
            "Jour où les sites ont été mesurés (par défaut, celui de la création de la "
            "campagne) ; pour une étude passée importée plus tard, sa date."
        ),
    )

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The checks of `campaign create --measured-on` and `campaign set-date` for a date set in
        the admin: no date to come, none before the web."""
        from django.core.exceptions import ValidationError

        from barometre.core.errors import BarometreError
        from barometre.referential.services.campaigns import measured_on_check

        if self.measured_on is not None:
            try:
                measured_on_check(self.measured_on)
            except BarometreError as error:
                raise ValidationError({"measured_on": str(error)}) from error


class DatasetLoad(models.Model):
    """Which version (content hash) of a shipped dataset was loaded and when, so `init` can
    skip it; the row `ADMIN_EDIT` holds when an administrator last edited the referential.
    Their times make `referential.selectors.referential_version`, part of every published
    output's key."""

    ADMIN_EDIT = "admin-edit"

    name = models.CharField(max_length=100, unique=True)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    loaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:12]})"
