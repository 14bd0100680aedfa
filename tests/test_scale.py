"""Tables laid out for reading in place, and the build on Ray: the same tables as the default build."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from loaders.__main__ import main
from loaders.contract.layouts import PARTITION_KEYS, read_table
from loaders.contract.schema import TABLES
from loaders.pipeline import engines
from loaders.pipeline.build import Plan, build

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


@pytest.fixture(scope="module")
def serial_tables(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "tables"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LOADERS_WORKERS", "1")
        assert build(REPORTS, out, progress=False, use_cache=False).exit_code == 0
    return out


@pytest.fixture(scope="module")
def partitioned_tables(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("partitioned") / "tables"
    assert build(REPORTS, out, progress=False, use_cache=False, plan=Plan(layout="partitioned")).exit_code == 0
    return out


@pytest.mark.parametrize("name", sorted(TABLES))
def test_both_layouts_read_back_row_for_row_equal(serial_tables, partitioned_tables, name):
    single = read_table(serial_tables, name)
    assert len(single) > 0
    pd.testing.assert_frame_equal(read_table(partitioned_tables, name), single)


def test_partitioned_facts_are_folders_by_province_and_year_listed_in_the_manifest(partitioned_tables):
    manifest = json.loads((partitioned_tables / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["layout"] == "partitioned"
    facts = manifest["partitions"]["facts"]
    assert facts["keys"] == ["province", "fact_year"]
    paths = [file["path"] for file in facts["files"]]
    assert all((partitioned_tables / path).is_file() for path in paths)
    assert {Path(path).parent.name for path in paths} == {"fact_year=2025", "fact_year=unknown"}
    assert sum(file["rows"] for file in facts["files"]) == manifest["tables"]["facts"] == 89
    assert sorted(manifest["partitions"]) == sorted(PARTITION_KEYS)
    assert not (partitioned_tables / "facts.parquet").exists()
    assert (partitioned_tables / "zones.parquet").is_file()


def test_pandas_reads_a_partitioned_folder_with_the_contract_columns_and_dtypes(serial_tables, partitioned_tables):
    single = pd.read_parquet(serial_tables / "facts.parquet")
    folder = pd.read_parquet(partitioned_tables / "facts")
    assert list(folder.columns) == [*single.columns, "province", "fact_year"]
    assert folder[single.columns].dtypes.to_dict() == single.dtypes.to_dict()
    assert str(folder["year"].dtype) == "Int64"


def test_partition_files_hold_only_the_contract_columns_sorted_by_zone_metric_year(partitioned_tables):
    manifest = json.loads((partitioned_tables / "manifest.json").read_text(encoding="utf-8"))
    for file in manifest["partitions"]["facts"]["files"]:
        facts = pq.read_table(partitioned_tables / file["path"])
        assert facts.schema.names == TABLES["facts"].names
        rows = facts.select(["zone_id", "metric", "year"]).to_pylist()
        keys = [(row["zone_id"], row["metric"], -1 if row["year"] is None else row["year"]) for row in rows]
        assert keys == sorted(keys)


def test_a_partitioned_build_replaces_a_single_one_and_back(serial_tables, tmp_path):
    out = tmp_path / "tables"
    assert build(REPORTS, out, progress=False, use_cache=False).exit_code == 0
    assert build(REPORTS, out, progress=False, plan=Plan(layout="partitioned")).exit_code == 0
    assert (out / "facts").is_dir() and not (out / "facts.parquet").exists()
    assert build(REPORTS, out, progress=False, plan=Plan(layout="single")).exit_code == 0
    assert (out / "facts.parquet").read_bytes() == (serial_tables / "facts.parquet").read_bytes()


def test_a_rebuild_or_publish_keeps_the_layout_of_the_tables_it_replaces(tmp_path):
    out = tmp_path / "tables"
    assert build(REPORTS, out, progress=False, plan=Plan(layout="partitioned")).exit_code == 0
    assert build(REPORTS, out, progress=False).exit_code == 0  # what publish and `make build` run
    assert (out / "facts").is_dir() and not (out / "facts.parquet").exists()
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["layout"] == "partitioned"
    fresh = tmp_path / "fresh"
    assert build(REPORTS, fresh, progress=False).exit_code == 0
    assert (fresh / "facts.parquet").is_file()


def test_engine_ray_without_ray_installed_is_a_one_line_error_and_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    code = main(["build", "--reports", str(REPORTS), "--out", str(tmp_path / "tables"), "--quiet", "--engine", "ray"])
    assert code == 2
    assert capsys.readouterr().err == "error: --engine ray needs Ray: pip install -e '.[ray]'\n"
    assert not (tmp_path / "tables").exists()


def test_address_without_engine_ray_is_a_usage_error(tmp_path, capsys):
    code = main(["build", "--reports", str(REPORTS), "--out", str(tmp_path / "t"), "--address", "ray://head:10001"])
    assert code == 2
    assert capsys.readouterr().err == "error: --address needs --engine ray\n"


@pytest.mark.slow
def test_ray_build_writes_the_same_tables_byte_for_byte_as_a_serial_build(serial_tables, tmp_path, monkeypatch):
    pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[ray]')")
    monkeypatch.setenv("LOADERS_WORKERS", "1")
    out = tmp_path / "tables"
    assert build(REPORTS, out, progress=False, use_cache=False, plan=Plan(engine="ray")).exit_code == 0
    for name in TABLES:
        assert (out / f"{name}.parquet").read_bytes() == (serial_tables / f"{name}.parquet").read_bytes(), name
    assert engines.problem("ray") is None


def test_synthetic_country_facts_are_the_same_rows_in_both_layouts(tmp_path):
    from bench import synthetic_tables

    counts = synthetic_tables.write_scale_facts(tmp_path, 1)  # the smallest set: one zone per province
    provinces = len(synthetic_tables.COUNTRY_PROVINCES)
    per_zone = synthetic_tables.YEARS * len(synthetic_tables.PERIODS) * len(synthetic_tables.series())
    assert counts == {"zones": provinces, "facts": provinces * per_zone}
    single = read_table(tmp_path / "single", "facts")
    assert single["fact_id"].is_unique and len(single) == counts["facts"]
    pd.testing.assert_frame_equal(read_table(tmp_path / "partitioned", "facts"), single)
    folders = {path.parent.relative_to(tmp_path / "partitioned" / "facts").as_posix()
               for path in (tmp_path / "partitioned" / "facts").rglob("*.parquet")}
    assert len(folders) == provinces * synthetic_tables.YEARS


@pytest.mark.slow
def test_ray_build_with_an_address_joins_that_cluster_and_leaves_it_running(serial_tables, tmp_path):
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[ray]')")
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
    try:
        address = ray.get_runtime_context().gcs_address
        out = tmp_path / "tables"
        command = [sys.executable, "-m", "loaders", "build", "--reports", str(REPORTS), "--out", str(out),
                   "--quiet", "--no-cache", "--engine", "ray", "--address", address]
        completed = subprocess.run(command, cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True)
        assert completed.returncode == 0, completed.stderr
        assert (out / "facts.parquet").read_bytes() == (serial_tables / "facts.parquet").read_bytes()
        assert ray.is_initialized() and ray.cluster_resources().get("CPU") == 1
    finally:
        ray.shutdown()


def test_ray_build_with_an_unreachable_address_is_a_one_line_error_and_exit_2(tmp_path, capsys):
    pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[ray]')")
    with socket.socket() as closed:  # a port nothing listens on: bound, never listening
        closed.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{closed.getsockname()[1]}"
        code = main(["build", "--reports", str(REPORTS), "--out", str(tmp_path / "t"), "--quiet", "--engine", "ray",
                     "--address", address])
    assert code == 2
    assert capsys.readouterr().err == f"error: cannot reach the Ray cluster at {address}: Connection refused\n"
    assert not (tmp_path / "t").exists()
