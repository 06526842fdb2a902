"""The web observatory: public pages (read-only) and the auditors' workspace.

Views read through selectors and write through services; no domain app holds a view.
"""
