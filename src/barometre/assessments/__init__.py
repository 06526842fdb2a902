"""Assessments: one value per (campaign, commune, service) cell, with history and evidence."""
