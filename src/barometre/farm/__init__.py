"""The city farm: generated commune websites served on loopback, with known true levels.

    farm = generate_farm(seed=1, sites=30)
    with serve_farm(farm) as server:
        ...  # GET http://127.0.0.1:<server.port>/path with "Host: www.x.ville.test"
    farm.truth[(code, service_id)]  # the true level

See docs/farm.md.
"""

from barometre.farm.generator import fictitious_communes, generate_farm
from barometre.farm.model import Evidence, Farm, FarmSite, Resource
from barometre.farm.server import FarmServer, serve_farm

__all__ = [
    "Evidence",
    "Farm",
    "FarmServer",
    "FarmSite",
    "Resource",
    "fictitious_communes",
    "generate_farm",
    "serve_farm",
]
