"""The state shared while one site is built: drafts of its pages, its files, its path style."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from barometre.farm.model import Evidence, Resource
from barometre.farm.phrasing import slugify
from barometre.farm.platforms import PlatformHub


@dataclass(slots=True)
class PageDraft:
    """A page of a commune site before it is wrapped in its template."""

    path: str
    title: str
    category: str | None
    blocks: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    decoy: list[Evidence] = field(default_factory=list)
    delay: float = 0.0
    in_nav: bool = False
    menu: str = ""
    kind: str = "page"  # "news" pages may be made slow, broken or failing


@dataclass(slots=True)
class SiteContext:
    """Everything a service builder needs to add pages to a site."""

    rng: random.Random
    code: str
    name: str
    slug: str
    host: str
    template: str
    hub: PlatformHub
    phrases: dict[str, Any]
    family_vendor: str | None
    citizen_portal: str | None
    php_paths: bool
    numcli: str
    phone: str
    drafts: dict[str, PageDraft] = field(default_factory=dict)
    files: dict[str, Resource] = field(default_factory=dict)
    downloads: list[tuple[str, Evidence]] = field(default_factory=list)
    teleservices: list[tuple[str, Evidence]] = field(default_factory=list)
    account_users: list[int] = field(default_factory=list)
    dead_decoys: int = 0
    aliases: dict[str, str] = field(default_factory=dict)
    family_bills_online: bool = False  # family bills at level 4: canteen fees payable online

    @property
    def base(self) -> str:
        return f"https://{self.host}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, draft: PageDraft) -> PageDraft:
        path = draft.path
        n = 2
        while path in self.drafts:
            path = _suffix(draft.path, n)
            n += 1
        draft.path = path
        self.drafts[path] = draft
        return draft

    def email(self, office: str) -> str:
        local = ""
        for word in (w for w in slugify(office).split("-") if w not in _ARTICLES):
            if len(local) + len(word) > 22:
                break
            local = f"{local}-{word}" if local else word
        local = local or "mairie"
        return f"{local}@{self.host.removeprefix('www.')}"

    # Path styles of each template -------------------------------------------------------
    def service_path(self, category: str, slug: str) -> str:
        if self.template == "table2000":
            return f"/index.php?page={slug.replace('-', '')}" if self.php_paths else f"/{slug}.htm"
        if self.template == "dsfr":
            return f"/services/{slug}"
        end = "" if self.template == "drupal" else "/"
        return f"/{_category_slug(category)}/{slug}{end}"

    def form_path(self, slug: str) -> str:
        if self.template == "table2000":
            return f"/formulaire_{slug.replace('-', '_')}.php"
        if self.template == "drupal":
            return f"/form/{slug}"
        return f"/demarches-en-ligne/{slug}/"

    def doc_path(self, file: str, ext: str) -> str:
        prefix = {
            "wordpress": "/wp-content/uploads/2024/03/",
            "drupal": "/sites/default/files/2023-09/",
            "publik": "/media/uploads/",
            "dsfr": "/documents/",
            "table2000": "/docs/",
        }[self.template]
        return f"{prefix}{file}.{ext}"

    def news_path(self, slug: str, index: int) -> str:
        if self.template == "wordpress":
            return f"/2025/{index % 12 + 1:02d}/{index % 27 + 1:02d}/{slug}/"
        if self.template == "table2000":
            return f"/actu.php?id={100 + index}"
        end = "/" if self.template == "publik" else ""
        return f"/actualites/{slug}{end}"

    def plain_path(self, slug: str) -> str:
        if self.template == "table2000":
            return f"/{slug}.htm"
        return f"/{slug}/" if self.template in ("wordpress", "publik") else f"/{slug}"


_ARTICLES = {"le", "la", "les", "l", "service", "services", "de", "du", "des", "d"}


def _category_slug(category: str) -> str:
    return {
        "mairie": "mairie-demarches",
        "enfance": "enfance-jeunesse",
        "cadre": "cadre-de-vie",
        "voirie": "voirie-deplacements",
        "culture": "culture-loisirs",
        "solidarite": "solidarite",
        "associations": "vie-associative",
    }.get(category, category)


def _suffix(path: str, n: int) -> str:
    if path.endswith("/"):
        return f"{path[:-1]}-{n}/"
    return f"{path}-{n}"
