"""Plain-text pages: a channel stated on a bulleted line, on a short line without its final stop,
or as an alternative followed by an address on the next line; a service named in passing."""

from __future__ import annotations

import pytest

from barometre.detection import Page, analyse, analyse_page

URL = "https://mairie-exemple.fr/demarches/etat-civil"


def levels(text: str) -> dict[str, int]:
    return {m.service: m.level for m in analyse_page(Page(url=URL, text=text)).services}


def test_a_bulleted_online_option_is_read_as_the_channel_it_is() -> None:
    text = (
        "Actes de naissance\nComment faire la demande ?\n• au guichet : avec un justificatif\n"
        "• par internet : www.service-public.fr"
    )
    assert levels(text) == {"actes-etat-civil": 3}


def test_a_short_line_stating_a_channel_is_content_not_a_heading() -> None:
    text = (
        "Naissance, mariage, décès\nObtenir une copie d'acte\n"
        "Faites la demande en ligne, au guichet ou par lettre\nLe document est gratuit."
    )
    assert levels(text) == {"actes-etat-civil": 3}


def test_an_address_on_the_line_after_a_colon_ends_that_line() -> None:
    text = (
        "Inscription sur les listes électorales\n"
        "En mairie, avant la date limite fixée pour le scrutin, ou sur le site :\n"
        "https://www.service-public.fr/\nIl faut être majeur et de nationalité française."
    )
    assert levels(text) == {"listes-electorales": 3}


def test_a_service_named_in_passing_on_a_page_about_another_is_left_out() -> None:
    page = (
        "Inscriptions à l'école maternelle et élémentaire\n"
        "L'inscription scolaire des enfants se fait au service éducation de la mairie. "
        "Pour l'inscription à l'école, apportez le livret de famille, un justificatif de "
        "domicile, le carnet de santé.\n"
        "Pièce d'identité\nLa carte nationale d'identité ou le passeport d'un parent est demandé.\n"
        "Les inscriptions scolaires sont ouvertes jusqu'à la fin du mois de mars."
    )
    found = levels(page)
    assert found.get("inscription-scolaire") == 1
    assert "titres-identite" not in found


def test_a_negated_condition_on_the_loan_does_not_cancel_the_online_renewal() -> None:
    renew = (
        "Médiathèque : emprunter\nVous pouvez renouveler vos emprunts s'ils ne sont pas "
        "réservés depuis votre compte lecteur."
    )
    assert levels(renew) == {"bibliotheque": 4}
    before = (
        "Médiathèque : emprunter\nTant qu'ils ne sont pas en retard, vos emprunts peuvent "
        "être renouvelés en ligne depuis votre compte."
    )
    assert levels(before) == {"bibliotheque": 4}
    refused = (
        "Médiathèque : emprunter\nVous ne pouvez pas renouveler vos emprunts depuis votre "
        "compte lecteur."
    )
    assert levels(refused).get("bibliotheque", 0) < 4


def test_an_e_mail_address_on_the_line_after_a_colon_is_the_channel_of_that_line() -> None:
    text = (
        "Centre de loisirs : réserver les vacances\nLa réservation des journées se fait auprès "
        "de l'équipe d'animation.\n"
        "Vous devez téléphoner à la directrice et envoyer un courriel à :\n"
        "reservations.loisirs@commune-exemple.fr\nQuinze jours avant la première journée."
    )
    assert levels(text) == {"accueil-loisirs": 2}


def test_a_bare_e_mail_option_in_a_list_of_ways_to_file_is_level_2() -> None:
    text = (
        "Inscription sur les listes électorales\nLe formulaire est à retirer au secrétariat.\n"
        "Où déposer votre demande :\nAu secrétariat\nPar mail\nPar lettre"
    )
    assert levels(text) == {"listes-electorales": 2}


def test_a_portal_where_requests_are_filed_and_seen_where_they_stand_is_level_4() -> None:
    text = (
        "Subventions aux associations\nLe portail associatif regroupe vos démarches.\n"
        "Rubrique « Mes demandes » : on y dépose chaque demande de subvention et on voit "
        "à tout moment où elle en est."
    )
    assert levels(text) == {"subventions-associations": 4}


def test_school_enrolment_named_as_a_heading_with_a_verb_is_found() -> None:
    text = (
        "Vie scolaire : horaires et tarifs\nS'inscrire à l'école\n"
        "L'inscription se fait au secrétariat de mairie avec le livret de famille.\n"
        "La mairie remet ensuite un certificat à présenter au directeur."
    )
    assert levels(text).get("inscription-scolaire") == 1


def test_parking_stickers_for_residents_are_resident_parking() -> None:
    text = (
        "Vignettes de stationnement\nHabitants de la commune\nLa vignette permet de se garer "
        "gratuitement sur les places payantes. Présentez la carte grise au guichet."
    )
    assert levels(text) == {"stationnement-resident": 1}


def test_a_news_items_date_line_is_no_section_and_its_weekday_takes_no_channel() -> None:
    text = (
        "Tu as 16 ans ? Fais-toi recenser !\nTout jeune Français se fait recenser à 16 ans.\n"
        "Mis en ligne le mercredi 4 mars\n"
        "Le jeune peut venir à la mairie ou s'inscrire en ligne sur le site indiqué ici :\n"
        "Il apporte une pièce d'identité et le livret de famille."
    )
    assert levels(text) == {"recensement-citoyen": 3}


def test_a_form_behind_a_lost_link_is_a_download() -> None:
    text = (
        "Occupation du domaine public\nUn échafaudage sur le trottoir demande une autorisation.\n"
        "Formulaire pour obtenir une permission de voirie : accessible ici"
    )
    assert levels(text) == {"domaine-public": 2}


def test_a_heading_that_names_another_service_only_weakly_takes_no_channel() -> None:
    text = (
        "Recensement citoyen à 16 ans\nTout jeune Français se fait recenser à 16 ans.\n"
        "Jeunesse et mercredis\n"
        "Le jeune peut venir à la mairie ou s'inscrire en ligne sur le site de l'État.\n"
        "Il apporte une pièce d'identité et le livret de famille."
    )
    assert levels(text) == {"recensement-citoyen": 3}


def test_skip_links_kept_as_text_are_not_the_pages_title() -> None:
    text = (
        "Passer au menu Passer au contenu\nTags et graffitis : les faire effacer\n"
        "La ville efface gratuitement les tags visibles depuis la rue.\n"
        "Le propriétaire remplit l'autorisation d'intervention et la rapporte en mairie."
    )
    assert set(levels(text)) == {"signalement"}


def test_a_pitch_on_the_market_is_an_occupation_of_public_space() -> None:
    text = (
        "Obtenir un emplacement sur le marché\nLes commerçants non sédentaires s'adressent au "
        "placier le jour du marché. Les droits de place sont fixés par le conseil municipal."
    )
    assert set(levels(text)) == {"domaine-public"}


def test_an_excerpt_without_a_title_is_about_the_service_its_body_names_most(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the rule alone, without the vocabulary model (test_vocabulary.py) that reads such pages first
    monkeypatch.setattr(analyse, "_vocabulary", lambda *_: frozenset())
    text = (
        "Depuis le 1er mars, les repas de la restauration scolaire se paient comme les heures "
        "d'accueil périscolaire et les journées au centre de loisirs : une facture arrive à la "
        "fin de chaque mois, par la poste.\n"
        "Les réservations des activités se font toujours en ligne, auprès du service ou par mail."
    )
    page = Page(url="https://mairie-exemple.fr/infos/2023-03", text=text)
    assert {m.service: m.level for m in analyse_page(page).services} == {"periscolaire": 3}
    # without a title, the body's most named service; the others named once are not guessed


def test_bills_paid_online_on_a_paper_enrolment_page_are_family_bills() -> None:
    garderie = (
        "La garderie du groupe scolaire\n"
        "Chaque famille reçoit à la rentrée une fiche d'inscription, à rendre complétée à l'école "
        "ou à la mairie ; on peut aussi la télécharger ci-dessous.\n"
        "Horaires : 7h30-8h30 et 16h30-18h30. Tarif : 1,80 € l'heure.\n"
        "Règlement\n"
        "À réception de la facture, réglez-la à la trésorerie par chèque, ou en ligne par carte "
        "bancaire.\n"
        "Payer en ligne"
    )
    assert levels(garderie) == {"periscolaire": 2, "paiement-famille": 4}


def test_a_booking_paid_online_keeps_its_payment_and_pays_the_familys_bills_online_too() -> None:
    # SERVICES.md: accueil-loisirs is "online booking of days, online payment", paiement-famille
    # "online payment of canteen, nursery, leisure bills": a family that pays its leisure days
    # online pays its bills online (as every independent coder of the real pages reads it)
    loisirs = (
        "Accueil de loisirs : les réservations\n"
        "Réservez les mercredis et les vacances dans votre Espace Citoyens, puis réglez votre "
        "panier par carte bancaire.\n"
        "Toute réservation non annulée sept jours avant reste due."
    )
    assert levels(loisirs) == {"accueil-loisirs": 4, "paiement-famille": 4}


def test_how_a_family_pays_on_a_family_service_page_informs_on_paying_family_bills() -> None:
    loisirs = (
        "Accueil de loisirs\nChaque enfant est inscrit au moins deux jours avant sa venue.\n"
        "Les tarifs dépendent du quotient familial. On paie en fin de séjour, en chèques ou en "
        "espèces."
    )
    assert levels(loisirs) == {"accueil-loisirs": 1, "paiement-famille": 1}


def test_a_request_made_on_a_named_platform_address_is_online() -> None:
    text = (
        "Stationnement résident\nPremière demande\n"
        "La demande se fait sur la plateforme www.ville-exemple.parking.net, avec un "
        "justificatif de domicile."
    )
    assert levels(text) == {"stationnement-resident": 3}


def test_a_renewal_from_the_user_account_among_other_channels_is_a_library_transaction() -> None:
    text = (
        "Médiathèque : conditions de prêt\nOn garde les livres trois semaines.\n"
        "La prolongation se demande à l'accueil, par téléphone ou sur le site internet depuis "
        "votre compte utilisateur."
    )
    assert levels(text) == {"bibliotheque": 4}


def test_only_online_now_is_a_restriction_not_a_negation() -> None:
    only = (
        "Restauration scolaire : les réservations\n"
        "Dès la rentrée, on ne pourra plus régler les repas que par carte bancaire, sur le "
        "portail famille, depuis chez soi."
    )
    assert levels(only).get("paiement-famille") == 4
    closed = (
        "Restauration scolaire : les réservations\n"
        "On ne peut plus régler les repas par carte bancaire sur le portail famille."
    )
    assert levels(closed).get("paiement-famille", 0) < 4


def test_a_direct_debit_mandate_to_download_on_a_canteen_page_is_a_bill_payment_form() -> None:
    text = (
        "Restauration scolaire\n"
        "L'inscription se fait à la mairie avec la fiche de renseignements.\n"
        "Pour régler les factures plus simplement, choisissez le prélèvement automatique : "
        "téléchargez le mandat SEPA ci-dessous et rapportez-le signé avec un RIB."
    )
    assert levels(text) == {"periscolaire": 1, "paiement-famille": 2}


def test_a_lost_password_is_no_lost_property() -> None:
    text = (
        "Espace famille : questions fréquentes\n"
        "J'ai perdu mon mot de passe, que faire ?\n"
        "Cliquez sur « mot de passe oublié » : un lien vous est envoyé par courriel. Si vous "
        "l'avez perdu, votre identifiant figure sur chaque facture de cantine."
    )
    assert "objets-trouves" not in levels(text)
    assert levels("Objets trouvés\nVous avez perdu un objet ? Adressez-vous à l'accueil.") == {
        "objets-trouves": 1
    }


def test_a_signal_keeps_the_words_it_was_read_in_without_changing_what_it_is() -> None:
    from barometre.detection.model import QUOTE_CHARS, Signal, quoted

    text = "Actes de naissance\nLa demande se fait en ligne sur service-public.fr."
    (match,) = analyse_page(Page(url=URL, text=text)).services
    (online,) = [s for s in match.signals if s.kind == "teleservice"]
    assert online.quote == "La demande se fait en ligne sur service-public.fr."
    a = Signal("teleservice", "démarche en ligne", URL, 3, 0.8, quote="ligne 1")
    assert a == Signal("teleservice", "démarche en ligne", URL, 3, 0.8, quote="ligne 2")
    long = quoted("mot " * 100)
    assert len(long) <= QUOTE_CHARS and long.endswith("…") and "  " not in long


def test_a_debit_mandate_on_a_school_enrolment_page_is_the_familys_bills() -> None:
    text = (
        "Inscriptions scolaires\nLe dossier d'inscription est à retirer au guichet unique.\n"
        "• Prélèvement automatique : remplir le mandat SEPA et joindre un RIB (à télécharger en "
        "bas de page, « fiche de prélèvement »)."
    )
    found = levels(text)
    assert found.get("paiement-famille") == 2 and "inscription-scolaire" in found
