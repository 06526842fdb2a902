"""factory_boy factories for the referential and assessments."""

from __future__ import annotations

from datetime import datetime

import factory
from django.utils import timezone

from barometre.assessments.models import Source
from barometre.assessments.services import NewValue, assessment_record, assessments_record_many
from barometre.referential.brackets import bracket_for
from barometre.referential.catalogue import CatalogueSpec, default_catalogue
from barometre.referential.models import Campaign, Catalogue, Commune, Department, Region
from barometre.referential.services import catalogue_store


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "11"
    name = "Île-de-France"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = "75"
    name = "Paris"
    region = factory.SubFactory(RegionFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{90000 + n:05d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    department = factory.SubFactory(DepartmentFactory)
    region = factory.SelfAttribute("department.region")
    population = 1000
    bracket = factory.LazyAttribute(lambda o: bracket_for(o.population))


def catalogue(spec: CatalogueSpec | None = None) -> Catalogue:
    """The default catalogue (or `spec`) stored in the test database."""
    return catalogue_store(spec=spec or default_catalogue())


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"campagne-{n}")
    catalogue = factory.LazyFunction(catalogue)
    spec = "test"

    @factory.post_generation
    def communes(self, create: bool, extracted: list[Commune] | None, **kwargs: object) -> None:
        if create and extracted:
            self.communes.add(*extracted)


def set_cells(
    campaign: Campaign, levels: dict[tuple[str, str], int | str], *, source: str = Source.IMPORT
) -> None:
    """Record values: {(commune code, service slug): level or "na"}, evidence filled in."""
    values = [
        NewValue(
            commune=code,
            service=slug,
            level=None if level == "na" else int(level),
            not_applicable=level == "na",
            evidence_url="" if level in ("na", 0) else f"https://ville.test/{code}/{slug}",
        )
        for (code, slug), level in levels.items()
    ]
    assessments_record_many(
        campaign=campaign, values=values, source=source, author="test", now=timezone.now()
    )


def review_cell(
    campaign: Campaign, code: str, slug: str, level: int, *, now: datetime | None = None
) -> None:
    """Alice, an auditor, sets a cell's level on evidence of her own."""
    assessment_record(
        campaign=campaign,
        commune=Commune.objects.get(code=code),
        service=campaign.catalogue.services.get(slug=slug),
        level=level,
        source=Source.HUMAN,
        evidence_url=f"https://ville.test/{code}/{slug}/revue",
        note="vérifié par une auditrice",
        author="alice",
        now=now or timezone.now(),
    )


def campaigns_all_rose(communes: int = 40) -> tuple[Campaign, Campaign]:
    """ "2014" and "2026" over `communes` communes whose actes-etat-civil rose from 1 to 3 in
    each: état civil's Wilcoxon p-value is then far below 0.0005 (3e-10 with 40)."""
    towns = [CommuneFactory(code=f"9{i:04d}", name=f"Ville {i}") for i in range(communes)]
    before = CampaignFactory(name="2014", communes=towns)
    after = CampaignFactory(name="2026", communes=towns)
    set_cells(before, {(c.code, "actes-etat-civil"): 1 for c in towns})
    set_cells(after, {(c.code, "actes-etat-civil"): 3 for c in towns})
    return before, after


def campaign_pair(count: int) -> tuple[Campaign, Campaign, list[str]]:
    """ "avant" (dated 400 days ago: the reference) and "apres" over `count` communes, with no
    cell yet; and those communes' codes."""
    towns = [CommuneFactory(code=f"{93001 + i}", population=5000 + i) for i in range(count)]
    before = CampaignFactory(name="avant", communes=towns)
    after = CampaignFactory(name="apres", communes=towns)
    long_ago = timezone.now() - timezone.timedelta(days=400)
    Campaign.objects.filter(pk=before.pk).update(
        created_at=long_ago, measured_on=timezone.localdate(long_ago)
    )
    return before, after, [c.code for c in towns]
