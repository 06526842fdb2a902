"""JSON schemas (OpenAPI 3.0 components) of what the API answers."""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]


def _obj(required: bool = True, /, **properties: Schema) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required else [],
        "additionalProperties": False,
    }


def _s(nullable: bool = False, **extra: Any) -> Schema:
    return {"type": "string", **({"nullable": True} if nullable else {}), **extra}


def _i(nullable: bool = False, **extra: Any) -> Schema:
    return {"type": "integer", **({"nullable": True} if nullable else {}), **extra}


def _n(nullable: bool = True) -> Schema:
    return {"type": "number", **({"nullable": True} if nullable else {})}


_B: Schema = {"type": "boolean"}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _list(item: Schema) -> Schema:
    return {"type": "array", "items": item}


_NAMED = _obj(code=_s(), name=_s())
_CHANGE = {
    "key": _s(),
    "label": _s(),
    "communes": _i(),
    "cells": _i(),
    "mean_before": _n(),
    "mean_after": _n(),
    "mean_change": _n(),
    "rose": _i(),
    "fell": _i(),
    "same": _i(),
}
_INTERVAL = {
    **_obj(low=_n(False), high=_n(False), level=_n(False), resamples=_i()),
    "nullable": True,
}
_PROGRAMME = {
    "id": _i(),
    "commune": _s(),
    "commune_name": _s(),
    "election": _i(),
    "list_name": _s(),
    "head_of_list": _s(),
    "round": _i(),
    "won": _B,
    "status": _s(enum=["ok", "no_text", "foreign"]),
    "mentions_digital": _B,
    "themes": _list(_s()),
    "disruptive": _B,
}
_COMMUNE = {
    "code": _s(),
    "name": _s(),
    "department": _NAMED,
    "region": _NAMED,
    "bracket": _s(),
    "population": _i(),
    "postcodes": _list(_s()),
    "epci": {**_obj(siren=_s(), name=_s()), "nullable": True},
}
_CAMPAIGN = {
    "name": _s(),
    "catalogue": _s(),
    "demonstration": _B,
    "created_at": _s(format="date-time"),
    "communes": _i(),
    "selection": _s(),
    "downloads": {"type": "object", "additionalProperties": _s()},
    "pdf": _s(),
}

COMPONENTS: dict[str, Schema] = {
    "Error": _obj(error=_obj(False, status=_i(), message=_s(), parameter=_s())),
    "Commune": _obj(**_COMMUNE),
    "CommuneDetail": _obj(**_COMMUNE, campaigns=_list(_s())),
    "Service": _obj(
        id=_s(), label=_s(), domain=_s(), max_level=_i(), position=_i(), catalogue=_s()
    ),
    "Campaign": _obj(**_CAMPAIGN),
    "CampaignDetail": _obj(
        **_CAMPAIGN,
        origins=_obj(automatic=_i(), reviewed=_i(), imported=_i()),
        detection_check=_obj(
            codings=_i(),
            exact=_n(),
            exact_low=_n(),
            exact_high=_n(),
            kappa=_n(),
            mean_confidence=_n(),
            confident_codings=_i(),
            confident_exact=_n(),
            found_codings=_i(),
            found_exact=_n(),
            not_found_codings=_i(),
            not_found_exact=_n(),
            by_service=_list(
                _obj(service=_s(), codings=_i(), exact=_n(), exact_low=_n(), exact_high=_n())
            ),
        ),
    ),
    "Cell": _obj(
        commune=_s(),
        commune_name=_s(),
        service=_s(),
        level=_i(True, minimum=0, maximum=5),
        not_applicable=_B,
        source=_s(enum=["auto", "reviewed", "imported"]),
        evidence_url=_s(True),
        archived_url=_s(True),
        archive_page=_s(True),
        confidence=_n(),
        author=_s(),
        decided_at=_s(format="date-time"),
    ),
    "Score": _obj(
        campaign=_s(),
        scope=_s(enum=["all", "domain", "service", "bracket", "commune"]),
        key=_s(),
        label=_s(),
        bracket=_s(),
        communes=_i(),
        cells=_i(),
        not_applicable_cells=_i(),
        unmeasured_cells=_i(),
        mean_level=_n(),
        mean_of_city_means=_n(),
        share_of_max=_n(),
        share_fully_online=_n(),
        share_transactional=_n(),
        rank=_i(True),
    ),
    "Comparison": _obj(
        before=_s(),
        after=_s(),
        demonstration=_B,
        overall=_obj(**_CHANGE),
        mean_of_city_means_before=_n(),
        mean_of_city_means_after=_n(),
        mean_of_city_means_change=_n(),
        unpaired_cells_before=_i(),
        unpaired_cells_after=_i(),
        ci_mean_change=_INTERVAL,
        domains=_list(
            _obj(
                **_CHANGE,
                test=_obj(
                    cities=_i(),
                    nonzero_differences=_i(),
                    statistic=_n(),
                    p_value=_n(),
                    reason=_s(True),
                ),
            )
        ),
        services=_list(_obj(**_CHANGE)),
    ),
    "Programme": _obj(**_PROGRAMME),
    "ProgrammeDetail": _obj(
        **_PROGRAMME,
        sentences=_list(_obj(index=_i(), text=_s(), themes=_list(_s()), disruptive=_B)),
    ),
    "Themes": _obj(
        version=_s(),
        themes=_list(_obj(id=_s(), label=_s(), description=_s(), disruptive=_B)),
    ),
}


def page_schema(item: str) -> Schema:
    return _obj(
        count=_i(minimum=0),
        limit=_i(minimum=1),
        offset=_i(minimum=0),
        next=_s(True),
        previous=_s(True),
        results=_list(_ref(item)),
    )


def ref(name: str) -> Schema:
    return _ref(name)
