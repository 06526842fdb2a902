"""The public read-only web layer of open data: JSON API (/api/v1/), downloads (/donnees/), PDF."""
