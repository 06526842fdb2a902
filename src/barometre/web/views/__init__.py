"""Views: public pages (read-only) and the auditors' workspace."""
