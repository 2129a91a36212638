"""nomenklatura's YenteEnricher, the client OpenSanctions' own pipelines use to match entities
against a yente instance, pointed at interdict: it matches a customer, then expands the match
through its nested entities. Not a yente test; the issue asks that it works."""
from followthemoney import Dataset, StatementEntity
from nomenklatura.cache import Cache
from nomenklatura.db import make_session
from nomenklatura.enrich import make_enricher


def enricher_for(client):
    dataset = Dataset.make({"name": "customers", "title": "Customers"})
    cache = Cache(make_session("sqlite:///:memory:"), dataset, create=True)
    config = {"type": "nomenklatura.enrich.yente:YenteEnricher", "api": client.base + "/", "dataset": "default"}
    return dataset, make_enricher(dataset, cache, config)


def test_yente_enricher_matches_and_expands(client):
    dataset, enricher = enricher_for(client)
    customer = StatementEntity.from_data(dataset, {
        "id": "cust-1", "schema": "Person",
        "properties": {"name": ["Hafiz Mohammad Saeed"], "birthDate": ["1950-06-05"], "nationality": ["pk"]},
    })
    matches = list(enricher.match_wrapped(customer))
    assert matches, "no match"
    top = matches[0]
    assert top.id == "un-sc-2833107" and top.schema.name == "Person", top
    expanded = list(enricher.expand_wrapped(customer, top))
    sanctions = [e for e in expanded if e.schema.name == "Sanction"]
    assert sanctions, [e.schema.name for e in expanded]
    assert sanctions[0].get("unscId") == ["QDi.263"], sanctions[0].to_dict()
    assert sanctions[0].get("entity") == ["un-sc-2833107"], sanctions[0].to_dict()


def test_yente_enricher_matches_an_organisation_by_alias(client):
    dataset, enricher = enricher_for(client)
    org = StatementEntity.from_data(dataset, {
        "id": "payee-7", "schema": "Organization", "properties": {"name": ["Jamaat ud Dawa"]},
    })
    ids = [m.id for m in enricher.match_wrapped(org)]
    assert "un-sc-114076" in ids, ids
