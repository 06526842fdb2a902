"""Names of the datasets shipped in barometre/referential/data."""

REGIONS = "territories/regions.csv"
DEPARTMENTS = "territories/departements.csv"
EPCI = "territories/epci.csv.gz"
COMMUNES = "territories/communes.csv.gz"
TERRITORIES = (REGIONS, DEPARTMENTS, EPCI, COMMUNES)

WEBSITES_ETALAB = "websites/etalab-2022.csv.gz"
WEBSITES_CURATED = "websites/curated.csv"
WEBSITES_EPCI = "websites/epci-etalab-2022.csv.gz"
