"""Survey reports: one data structure, written as JSON or HTML and shown on the web page."""
