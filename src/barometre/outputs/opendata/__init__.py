"""Open data: a campaign's cells and scores as CSV, XLSX and Parquet with a Frictionless package."""
