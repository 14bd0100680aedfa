"""The bench's country-scale tables: every table of the contract, partitioned, with offsets that hold."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from loaders.contract import schema
from loaders.contract.layouts import PARTITION_KEYS, read_table


@pytest.fixture(scope="module")
def country(tmp_path_factory):
    from bench import scale_tables

    folder = tmp_path_factory.mktemp("country") / "tables"
    return folder, scale_tables.write(folder, 1)  # the smallest set: one zone per province


def test_every_table_is_written_in_the_partitioned_layout_with_its_rows_counted(country):
    from bench import synthetic_tables

    folder, counts = country
    zones = len(synthetic_tables.COUNTRY_PROVINCES)
    per_zone = synthetic_tables.YEARS * len(synthetic_tables.PERIODS)
    assert counts == {"documents": zones * per_zone, "zones": zones, "facts": zones * per_zone * 20,
                      "projects": zones, "infrastructure": zones, "quality": zones + 1}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["layout"] == "partitioned" and manifest["tables"] == counts
    assert set(manifest["partitions"]) == set(PARTITION_KEYS)
    for name, partition in manifest["partitions"].items():
        assert sum(file["rows"] for file in partition["files"]) == counts[name]
        assert all((folder / file["path"]).exists() for file in partition["files"])
        assert not (folder / f"{name}.parquet").exists()


@pytest.mark.parametrize("name", sorted(schema.TABLES))
def test_every_table_meets_the_contract(country, name):
    folder, counts = country
    table = read_table(folder, name)
    pd.testing.assert_frame_equal(table, schema.finalize(name, table.copy()), check_dtype=False)
    assert len(table) == counts[name]


@pytest.mark.parametrize("name", ["facts", "projects", "infrastructure", "quality"])
def test_every_figure_and_item_is_where_its_offsets_say_in_its_report(country, name):
    folder, _ = country
    texts = dict(read_table(folder, "documents")[["doc_id", "text"]].itertuples(index=False))
    rows = read_table(folder, name)
    assert [texts[row.doc_id][row.start : row.end] for row in rows.itertuples()] == rows["raw"].tolist()
    if "quote_start" in rows:
        assert [texts[row.doc_id][row.quote_start : row.quote_end] for row in rows.itertuples()] == rows["quote"].tolist()


def test_documents_are_in_the_contracts_order_and_flags_name_real_figures(country):
    folder, _ = country
    documents = read_table(folder, "documents")
    assert documents["doc_id"].is_monotonic_increasing  # file order = doc id order = (source_file, part)
    fact_ids = set(read_table(folder, "facts")["fact_id"])
    quality = read_table(folder, "quality")
    assert all(set(ids) <= fact_ids for ids in quality["fact_ids"])
    assert (quality["check"] == "implausible_value").sum() == 1
