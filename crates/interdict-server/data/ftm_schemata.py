"""Writes ftm_schemata.json: the FollowTheMoney schemata of the entities interdict lists (and
their ancestors), with their labels and properties, for the reconciliation API's type and
property suggestions and data extension. Run with the `followthemoney` package installed:

    python3 ftm_schemata.py > ftm_schemata.json
"""
import json

import followthemoney
from followthemoney import model

LISTED = ["Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane"]


def schema_entry(schema):
    own = [p for p in schema.properties.values() if p.schema is schema]
    return {
        "name": schema.name,
        "label": schema.label,
        "plural": schema.plural,
        "description": schema.description or schema.label,
        "matchable": schema.matchable,
        "ancestors": sorted(s.name for s in schema.schemata if s is not schema),
        "featured": list(schema.featured),
        "properties": [
            {
                "name": p.name,
                "label": p.label,
                "type": p.type.name,
                "description": p.description,
                "hidden": p.hidden,
            }
            for p in sorted(own, key=lambda p: p.name)
        ],
    }


def main():
    names = set()
    for name in LISTED:
        names.update(s.name for s in model.get(name).schemata)
    # Ancestors before descendants, so that generic properties come first.
    ordered = sorted(names, key=lambda n: (len(model.get(n).schemata), n))
    out = {
        "followthemoney": followthemoney.__version__,
        "schemata": [schema_entry(model.get(n)) for n in ordered],
    }
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
