"""The marketplace through the `haitao` command, on every backend (embedded; OpenSearch on osmem-server; a real
cluster when `OPENSEARCH_URL` is set): `index --seller`, a seller's full sync with `--delete-missing`, the same id
at two sellers, `delete --seller`, `stats` per seller, `sellers list/add/remove`, `keys create/inspect`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from indexer.cli import app
from indexer.pipeline import reasons_path
from search.keys import read_key

from .test_cli import environment, haitao

A, B = "circuit-harbor", "stride-lane"


def feed(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def products(env: dict[str, str]) -> dict[str, int]:
    return {row["id"]: row["products"] for row in json.loads(haitao(env, "sellers", "list", "--json"))}


def test_a_sellers_full_sync_leaves_other_sellers_untouched(opener, tmp_path):
    env = environment(opener)
    a_rows = [
        {"id": "sku-1", "title": "Sony WF-1000XM5 Wireless Earbuds", "brand": "Sony", "price": 299},
        {"id": "sku-2", "title": "JBL Flip 6 Bluetooth Speaker", "brand": "JBL", "price": 129},
        {"id": "sku-3", "title": "Anker PowerCore 10000 Power Bank", "brand": "Anker", "price": 25},
    ]
    b_rows = [
        {"id": "sku-1", "title": "Nike Pegasus 40 Running Shoes", "brand": "Nike", "price": 130},
        {"id": "sku-9", "title": "Adidas Ultraboost Light Running Shoes", "brand": "Adidas", "price": 190},
    ]
    assert "indexed 3" in haitao(env, "index", str(feed(tmp_path / "a.jsonl", a_rows)), "--seller", A)
    assert "indexed 2" in haitao(env, "index", str(feed(tmp_path / "b.jsonl", b_rows)), "--seller", B)
    assert products(env) == {A: 3, B: 2}  # sku-1 of A and sku-1 of B are two products

    # A's feed now lists one product: a full sync removes A's other two, and nothing of B's
    out = haitao(env, "index", str(feed(tmp_path / "a2.jsonl", a_rows[:1])), "--seller", A, "--delete-missing")
    assert "deleted 2" in out, out
    assert products(env) == {A: 1, B: 2}
    stats = json.loads(haitao(env, "stats", "--json"))
    assert stats["products"] == 3
    assert {row["id"]: row["products"] for row in stats["sellers"]} == {A: 1, B: 2}
    assert f"{B:<30}" in haitao(env, "stats")  # the plain table lists each seller too

    # a row naming another seller than --seller is rejected with the reason; the good rows are indexed
    mixed = [{"id": "sku-5", "title": "Garmin Forerunner 55", "price": 199, "seller": B}, {**a_rows[1]}]
    rejects = tmp_path / "mixed.rejects.jsonl"
    out = haitao(env, "index", str(feed(tmp_path / "mixed.jsonl", mixed)), "--seller", A, "--rejects", str(rejects))
    assert "indexed 1" in out and "rejected 1" in out, out
    reason = json.loads(reasons_path(rejects).read_text(encoding="utf-8").splitlines()[0])
    assert "sku-5" in json.dumps(reason) and f"is another seller: these records are '{A}'" in json.dumps(reason)
    assert products(env) == {A: 2, B: 2}

    # delete --seller removes that seller's product of that id only
    assert "deleted 1 of 1" in haitao(env, "delete", "--seller", B, "sku-1")
    assert products(env) == {A: 2, B: 1}
    assert "deleted 0 of 1" in haitao(env, "delete", "--seller", B, "sku-2")  # A's sku-2 is not B's


def test_seller_records_and_removing_a_seller_with_its_products(opener, tmp_path):
    env = environment(opener)
    rows = [{"id": "p1", "title": "Stanley Quencher Tumbler 40 oz", "price": 45}]
    haitao(env, "index", str(feed(tmp_path / "k.jsonl", rows)), "--seller", "copper-kettle")
    haitao(env, "index", str(feed(tmp_path / "d.jsonl", rows)))  # no --seller, no column: the default seller's
    listed = {row["id"]: row for row in json.loads(haitao(env, "sellers", "list", "--json"))}
    assert listed["copper-kettle"]["name"] == "copper-kettle"  # created by its first feed, named by its id
    assert listed["default"]["products"] == 1

    out = haitao(env, "sellers", "add", "copper-kettle", "--name", "Copper Kettle Kitchen", "--state", "il")
    assert "changed seller 'copper-kettle'" in out
    listed = {row["id"]: row for row in json.loads(haitao(env, "sellers", "list", "--json"))}
    assert (listed["copper-kettle"]["name"], listed["copper-kettle"]["state"]) == ("Copper Kettle Kitchen", "IL")
    bad = CliRunner().invoke(app, ["sellers", "add", "Bad Id"], env=env)
    assert bad.exit_code == 2 and "not a seller id" in bad.output

    out = haitao(env, "sellers", "remove", "copper-kettle", "--yes")
    assert "removed seller 'copper-kettle' and its 1 products" in out
    assert products(env) == {"default": 1}
    gone = CliRunner().invoke(app, ["sellers", "remove", "copper-kettle", "--yes"], env=env)
    assert gone.exit_code == 1 and "no seller" in gone.output


def test_keys_create_signs_a_sellers_scope(tmp_path):
    env = {"HAITAO_DATA_DIR": str(tmp_path), "HAITAO_KEY_SECRET": "a-master-secret-of-length"}
    key = haitao(env, "keys", "create", "--seller", A).splitlines()[0]
    assert read_key("a-master-secret-of-length", key).seller == A
    assert f"writes seller '{A}'" in haitao(env, "keys", "inspect", key)
    search_key = haitao(env, "keys", "create", "--search", "--seller", B).splitlines()[0]
    assert read_key("a-master-secret-of-length", search_key).filters == (("seller", (B,)),)
    other = CliRunner().invoke(app, ["keys", "inspect", key], env={**env, "HAITAO_KEY_SECRET": "another-secret-12345"})
    assert other.exit_code == 1 and "not issued with this server's secret" in other.output
    none = CliRunner().invoke(app, ["keys", "create", "--seller", A], env={"HAITAO_DATA_DIR": str(tmp_path)})
    assert none.exit_code == 2 and "no master secret" in none.output
