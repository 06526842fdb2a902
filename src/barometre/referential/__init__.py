"""The e-administration referential: territories, websites, service catalogues, campaigns."""
