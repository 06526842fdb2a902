"""The Scrapy side of collection: runs in a child process, imports no Django."""
