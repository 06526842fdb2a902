"""The notes the code writes itself on a value, stored in French.

They are the CLI's, the exports' and the open data's language, and stay French in the database;
a web page shows them in its own language (web.explanations.review_note). The notes of the
shipped demonstration grids (DEMO_*) are barometre's own words too. An auditor's note, or that
of a file a user imports, is never one of them: it is shown as written.
"""

from __future__ import annotations

ACCEPTED_NOTE = "Proposition acceptée après revue."  # an automatic proposal accepted
AGREED_NOTE = "Double codage concordant."  # two agreeing blind answers became the value
ARBITRATION_NOTE = "Arbitrage du double codage."  # then a space and the decision's note
NO_WEBSITE_NOTE = "Aucun site internet connu pour cette commune."  # the audit's level 0
# the notes of the shipped demonstration grids (demo/data/demo-*.csv), imported by quickstart
DEMO_LEVEL_NOTE = "démonstration : niveau inventé"
DEMO_NOT_APPLICABLE_NOTE = "démonstration : service supposé sans objet"
