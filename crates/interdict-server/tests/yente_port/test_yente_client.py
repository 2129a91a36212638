"""yente-client, OpenSanctions' Python SDK for yente, pointed at interdict: its calls decode
into its own response models, and errors raise the exceptions its users catch
(NotFoundError, BadRequestError). Not a yente test; the issue asks for a drop-in."""
from yente_client import BadRequestError, Client, NotFoundError, Organization, Person

SAEED = "un-sc-2833107"


def sdk(client):
    return Client(base_url=client.base, app_name="interdict-tests")


def test_yente_client_reads_every_answer(client):
    c = sdk(client)
    assert c.healthz().status == "ok"
    assert "un_sc_sanctions" in [d.name for d in c.datasets().datasets]
    assert c.algorithms().algorithms
    assert c.fetch(SAEED).caption == "HAFIZ MUHAMMAD SAEED"
    assert c.adjacent("un-sc-114076", prop="sanctions", limit=1).total.value == 2
    assert c.search("hafiz saeed").results[0].id == SAEED
    found = c.match(Person(name=["Hafiz Mohammad Saeed"], birthDate=["1950"]))
    assert found.results[0].id == SAEED and found.results[0].match
    org = c.match(Organization(name=["Jamaat ud Dawa"]), algorithm="logic-v2", threshold=0.7)
    assert org.results[0].id == "un-sc-114076"
    streamed = dict(c.match_iter([("a", Person(name=["Hafiz Saeed"]))], workers=2))
    assert streamed["a"].results[0].id == SAEED


def test_yente_client_raises_its_exceptions(client):
    c = sdk(client)
    try:
        c.fetch("banana")
        raise AssertionError("no NotFoundError")
    except NotFoundError as e:
        assert "banana" in str(e)
    try:
        c.match(Person(name=["Hafiz Saeed"]), algorithm="banana")
        raise AssertionError("no BadRequestError")
    except BadRequestError as e:
        assert "banana" in str(e)
