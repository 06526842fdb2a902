"""PDF reports of a campaign and of a commune (WeasyPrint), with charts rendered to SVG."""
