"""Django admin of the referential (administrators only; is_staff)."""

from django.contrib import admin

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


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
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
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "catalogue", "is_demo", "measured_on", "created_at")
    filter_horizontal = ()
    raw_id_fields = ("communes",)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("slug", "label", "domain", "max_level", "catalogue")
    list_filter = ("catalogue",)


admin.site.register([Region, Department, Epci, Catalogue])
