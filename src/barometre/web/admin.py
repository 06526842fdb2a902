"""Django admin of the referential (administrators only; is_staff)."""

from typing import Any

from django.contrib import admin
from django.utils import timezone

from barometre.referential.models import (
    Campaign,
    Catalogue,
    Commune,
    Department,
    Epci,
    Region,
    Service,
    Website,
)
from barometre.referential.services.shipped import referential_edit_mark


class ShownAdmin(admin.ModelAdmin):
    """The admin of what the published outputs show (a commune's name, a service's label, a
    campaign's communes): every change marks the referential edited, so that the cached scores,
    the open data files and their ETags, and the PDFs' tags change with it
    (`referential_version`)."""

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # after the many-to-many
        referential_edit_mark(now=timezone.now())

    def delete_model(self, request: Any, obj: Any) -> None:
        super().delete_model(request, obj)
        referential_edit_mark(now=timezone.now())

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        super().delete_queryset(request, queryset)
        referential_edit_mark(now=timezone.now())


@admin.register(Commune)
class CommuneAdmin(ShownAdmin):
    list_display = ("code", "name", "department", "population", "bracket")
    search_fields = ("code", "name")
    list_filter = ("bracket",)
    raw_id_fields = ("epci",)


@admin.register(Website)
class WebsiteAdmin(admin.ModelAdmin):
    list_display = ("commune", "url", "is_primary", "active", "source")
    search_fields = ("commune__name", "url")
    raw_id_fields = ("commune",)


@admin.register(Campaign)
class CampaignAdmin(ShownAdmin):
    list_display = ("name", "catalogue", "is_demo", "measured_on", "created_at")
    filter_horizontal = ()
    raw_id_fields = ("communes",)


@admin.register(Service)
class ServiceAdmin(ShownAdmin):
    list_display = ("slug", "label", "domain", "max_level", "catalogue")
    list_filter = ("catalogue",)


admin.site.register([Region, Department, Epci, Catalogue], ShownAdmin)
