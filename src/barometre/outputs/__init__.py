"""Outputs: reports (HTML, JSON, CSV, XLSX) and charts built from scores."""
