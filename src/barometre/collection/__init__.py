"""Collection: crawl communes' websites and archive every response as WARC."""
