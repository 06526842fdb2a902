"""Outside platforms, served by the farm under their real host names and URL shapes.

Pages are short and written for the farm (never copied). Each builder registers its page in the
farm's routes and returns the absolute https URL that a commune page links to. Hosts and paths
follow the project's platform notes (PLATFORMS.md); numbers and slugs are made up.
"""

from __future__ import annotations

from html import escape

from barometre.farm.model import Resource
from barometre.farm.phrasing import of

Routes = dict[str, dict[str, Resource]]

FC_BUTTON = (
    '<div class="fr-connect-group"><form method="post" '
    'action="https://app.franceconnect.gouv.fr/api/v1/authorize">'
    '<button class="fr-connect" type="submit"><span class="fr-connect__login">'
    'S\'identifier avec</span> <span class="fr-connect__brand">FranceConnect</span></button>'
    '</form><p><a href="https://franceconnect.gouv.fr/" target="_blank" rel="noopener" '
    "title=\"Qu'est-ce que FranceConnect ? - nouvelle fenêtre\">Qu'est-ce que FranceConnect ?"
    "</a></p></div>"
)


def _page(title: str, body: str, brand: str) -> Resource:
    html = (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{escape(title)} - '
        f"{escape(brand)}</title></head><body><header><p>{escape(brand)}</p></header>"
        f"<main><h1>{escape(title)}</h1>{body}</main><footer><p>{escape(brand)} - "
        "Mentions légales - Accessibilité</p></footer></body></html>"
    )
    return Resource(body=html.encode("utf-8"))


class PlatformHub:
    """Registers platform pages into the farm's routes, once per URL."""

    def __init__(self, routes: Routes) -> None:
        self.routes = routes

    def _add(self, host: str, path: str, resource: Resource) -> str:
        self.routes.setdefault(host, {}).setdefault(path, resource)
        return f"https://{host}{path}"

    def host(self, host: str) -> dict[str, Resource]:
        return self.routes.setdefault(host, {})

    def service_public(self, number: str, thing: str) -> str:
        body = (
            f"<p>Ce service en ligne vous permet de faire votre demande ({escape(thing)}) "
            "sans vous déplacer. La réponse est envoyée par la mairie compétente.</p>"
            '<p><a class="fr-btn" href="/compte/se-connecter">Accéder au service en ligne</a></p>'
        )
        path = f"/particuliers/vosdroits/{number}"
        return self._add("www.service-public.fr", path, _page(thing, body, "Service-Public.fr"))

    def service_public_fiche(self, number: str, thing: str) -> str:
        body = f"<p>Fiche pratique : {escape(thing)}. Conditions, pièces à fournir, délais.</p>"
        path = f"/particuliers/vosdroits/{number}"
        return self._add("www.service-public.fr", path, _page(thing, body, "Service-Public.fr"))

    def ants(self, kind: str) -> str:
        if kind == "rendez-vous":
            body = (
                "<p>Trouvez un créneau dans une mairie proche de chez vous pour déposer votre "
                "demande de carte d'identité ou de passeport.</p><form action='/recherche'>"
                "<input name='ville'><button>Rechercher</button></form>"
            )
            page = _page("Rendez-vous passeport et carte d'identité", body, "ANTS")
            return self._add("rendezvouspasseport.ants.gouv.fr", "/", page)
        path = f"/demarches-en-ligne/realiser-une-pre-demande-de-{kind}"
        body = (
            "<p>Remplissez votre pré-demande en ligne, puis présentez-vous en mairie avec le "
            "numéro de pré-demande pour la prise d'empreintes.</p>"
        )
        return self._add("passeport.ants.gouv.fr", path, _page("Pré-demande", body, "ANTS"))

    def demarche_numerique(self, slug: str, thing: str, commune: str) -> str:
        body = (
            f"<p>Démarche proposée par la commune {escape(of(commune))} : {escape(thing)}.</p>"
            "<p>Créez un compte avec votre adresse électronique pour déposer votre dossier ; "
            "vous serez informé par courriel de son instruction.</p>"
            '<p><a class="fr-btn" href="/users/sign_in">Commencer la démarche</a></p>'
        )
        path = f"/commencer/{slug}"
        return self._add(
            "demarche.numerique.gouv.fr", path, _page(thing, body, "Démarche Numérique")
        )

    def payfip(self, numcli: str, exercise: int, legacy: bool = False) -> str:
        body = (
            "<p>Payez votre facture en ligne par carte bancaire ou par prélèvement unique.</p>"
            "<form method='post'><label>Identifiant de la collectivité <input name='numcli' "
            f"value='{numcli}'></label><label>Référence de la facture <input name='refdet'></label>"
            "<label>Montant <input name='montant'></label><button>Payer</button></form>"
        )
        if legacy:
            path = f"/tpa/paiement.web?numcli={numcli}"
            host = "www.tipi.budget.gouv.fr"
        else:
            path = f"/tpa/paiementws.web?numcli={numcli}&exer={exercise}&saisie=M"
            host = "www.payfip.gouv.fr"
        return self._add(host, path, _page("Paiement en ligne", body, "PayFiP"))

    def espace_citoyens(self, slug: str, commune: str, section: str, level: int) -> str:
        paths = {
            "accueil": "/Home/AccueilPublic",
            "demande": "/Demande/NouvelleDemande",
            "rendez-vous": "/RendezVous/PriseRendezVous",
        }
        path = f"/{slug}/espace-citoyens{paths.get(section, '/Home/AccueilPublic')}"
        if level >= 4:
            path += "?suivi=1"
        body = f"<p>Bienvenue sur l'Espace Citoyens de {escape(commune)}.</p>"
        if level >= 4:
            body += (
                "<ul><li>Suivez l'état d'avancement de vos demandes</li>"
                "<li>Recevez vos documents dans votre espace</li></ul>"
            )
        body += (
            "<form method='post' action='Logon'><label>Identifiant <input name='login'></label>"
            "<label>Mot de passe <input type='password' name='pwd'></label>"
            "<button type='submit'>Se connecter</button></form>"
        )
        page = _page("Espace Citoyens", body, "Espace Citoyens")
        return self._add("www.espace-citoyens.net", path, page)

    def family_portal(
        self, vendor: str, slug: str, commune: str, level: int, fc: bool, purpose: str = "suivi"
    ) -> str:
        """A family portal page; at level 4 it shows payment ("paiement") or tracking ("suivi")."""
        if vendor == "berger-levrault":
            host, path = "portail.berger-levrault.fr", f"/Mairie{slug.title().replace('-', '')}/"
        else:
            host, path = f"{slug}.portail-familles.com", "/"
        body = (
            f"<p>Bienvenue sur le Portail Famille de {escape(commune)}. Identifiez-vous pour "
            "accéder à votre espace.</p>"
        )
        if fc:
            path += "connexion"
            body += FC_BUTTON + (
                "<p>Avec FranceConnect, votre dossier famille est pré-rempli et les "
                "réinscriptions sont automatiques.</p>"
            )
        elif level >= 4 and purpose == "paiement":
            path += "factures" if vendor == "berger-levrault" else "paiement"
            body += "<p>Consultez et payez vos factures en ligne par carte bancaire.</p>"
        elif level >= 4:
            path += "mes-demandes"
            body += (
                "<p>Suivez en ligne l'état de vos demandes d'inscription et de réservation ; "
                "les confirmations sont déposées dans votre espace famille.</p>"
            )
        body += "<form method='post'><input name='login'><input type='password' name='mdp'>"
        body += "<button>Connexion</button></form>"
        return self._add(host, path, _page("Portail Famille", body, "Portail Famille"))

    def appointment(self, vendor: str, slug: str, commune: str, thing: str) -> str:
        hosts = {
            "rdv360": ("www.rdv360.com", f"/mairie-de-{slug}"),
            "clicrdv": ("www.clicrdv.com", f"/mairie-{slug}"),
            "synbird": ("rendezvous.synbird.com", f"/mairie-{slug}/services"),
            "smartagenda": ("www.smartagenda.fr", f"/pro/mairie-{slug}/rendez-vous/"),
        }
        host, path = hosts[vendor]
        body = (
            f"<p>Mairie {escape(of(commune))} - {escape(thing)} : choisissez un motif, "
            "un jour et un horaire.</p><form><select name='motif'><option>Dépôt de dossier"
            "</option></select><input type='date' name='jour'><button>Réserver</button></form>"
        )
        return self._add(host, path, _page("Prendre rendez-vous", body, vendor))

    def gnau_sirap(self, code: str) -> str:
        body = (
            "<p>Guichet numérique des autorisations d'urbanisme : déposez vos demandes de "
            "permis et déclarations préalables, suivez leur instruction.</p>"
        )
        self._add("sve.sirap.fr", "/", _page("Saisine par voie électronique", body, "SVE"))
        return f"https://sve.sirap.fr/#/{code}/connexion"

    def compte_asso(self, level: int) -> str:
        body = "<p>Le Compte Asso : déposez vos demandes de subvention en ligne.</p>"
        path = "/login"
        if level >= 4:
            path = "/espace-association/suivi"
            body += "<p>Suivez l'instruction de vos demandes et recevez les décisions.</p>"
        page = _page("Le Compte Asso", body, "associations.gouv.fr")
        return self._add("lecompteasso.associations.gouv.fr", path, page)

    def logement(self, level: int) -> str:
        body = "<p>Déposez votre demande de logement social en ligne.</p>"
        path = "/"
        if level >= 4:
            path = "/demandeur/mon-compte"
            body += "<p>Renouvelez, modifiez et suivez votre demande depuis votre compte.</p>"
        page = _page("Demande de logement social", body, "Demande de logement social")
        return self._add("www.demande-logement-social.gouv.fr", path, page)

    def franceconnect_about(self) -> str:
        body = "<p>FranceConnect est la solution de l'État pour faciliter la connexion.</p>"
        return self._add(
            "franceconnect.gouv.fr", "/", _page("FranceConnect", body, "FranceConnect")
        )
