"""Loader throughput: `python -m loaders build` on a synthetic corpus, beside a bare regex scan.

With Ray installed the largest corpus is also built with `--engine ray` (a private local Ray), its time
printed beside the process pool's and its tables checked equal to the pool's, table by table.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from . import corpus

ROOT = corpus.ROOT


def build_sample(out_dir: Path) -> Path:
    """The bundled sample built by the real loaders (in this process)."""
    from loaders.pipeline.build import build

    result = build(ROOT / "data" / "reports", out_dir, progress=False)
    if not result.written:
        raise RuntimeError(f"sample build failed: {result.error}")
    return out_dir


def timed_build(reports: Path, out: Path, engine: str = "process") -> dict:
    """Wall time and the build process's own peak RSS (wait4 rusage of that one child)."""
    command = [sys.executable, "-m", "loaders", "build", "--quiet", "--reports", str(reports), "--out", str(out),
               "--engine", engine]
    start = time.perf_counter()
    with open(out.parent / f"{out.name}.stderr", "wb") as errors:
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    manifest_file = out / "manifest.json"
    counts = json.loads(manifest_file.read_text(encoding="utf-8"))["tables"] if manifest_file.exists() else {}
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,  # the build's own CPU time: steadier on a busy machine
        "exit_code": process.returncode,
        "peak_mb": usage.ru_maxrss / 1024,  # Linux: KiB
        "children_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "counts": counts,
    }


def regex_baseline(folder: Path) -> dict:
    """One compiled regex over the same text (read included, like the build)."""
    start = time.perf_counter()
    text = corpus.read_corpus(folder)
    hits = sum(1 for _ in corpus.BASELINE.finditer(text))
    return {"seconds": time.perf_counter() - start, "hits": hits}


NEW_REPORT = "开封新区产业集聚区2024年工作总结\n开封新区产业集聚区2024年完成固定资产投资85.6亿元，入驻企业126家。\n"


def publish_one(reports: Path, out: Path, corpus_reports: int, full: dict, log=print) -> dict:
    """One new report into a built corpus: the rebuild an editor's publish runs (cache of the last build)."""
    (reports / "zz_published.txt").write_text(NEW_REPORT, encoding="utf-8")
    rebuild = timed_build(reports, out)
    row = {"corpus_reports": corpus_reports, "seconds": rebuild["seconds"], "exit_code": rebuild["exit_code"],
           "full_build_seconds": full["seconds"], "peak_mb": rebuild["peak_mb"]}
    log(f"    publish one report into {corpus_reports} reports: {rebuild['seconds']:.1f} s "
        f"(exit {rebuild['exit_code']}) against the full build's {full['seconds']:.1f} s")
    return row


def same_tables(left: Path, right: Path) -> dict[str, dict[str, bool]]:
    """Per table of two single-layout builds: equal as arrow tables (schema and values), and the same bytes."""
    from loaders.contract import schema

    compared = {}
    for name in schema.TABLES:
        left_file, right_file = left / f"{name}.parquet", right / f"{name}.parquet"
        if not (left_file.exists() and right_file.exists()):
            compared[name] = {"equal": False, "same_bytes": False}
            continue
        compared[name] = {
            "equal": pq.read_table(left_file).equals(pq.read_table(right_file), check_metadata=True),
            "same_bytes": left_file.read_bytes() == right_file.read_bytes(),
        }
    return compared


def ray_beside_pool(reports: Path, out: Path, pool_tables: Path, pool: dict, log=print) -> dict:
    """The same corpus built on a private local Ray: its time beside the pool's, its tables against the pool's."""
    if importlib.util.find_spec("ray") is None:
        log("    ray: not installed (pip install -e '.[ray]'), not timed")
        return {"skipped": "ray is not installed"}
    build = timed_build(reports, out, engine="ray")
    tables = same_tables(pool_tables, out)
    row = {
        "seconds": build["seconds"],
        "exit_code": build["exit_code"],
        "driver_peak_mb": build["peak_mb"],  # the driver alone: Ray's workers are not its children
        "pool_seconds": pool["seconds"],
        "ratio_to_pool": build["seconds"] / pool["seconds"],
        "identical": bool(tables) and all(table["equal"] for table in tables.values()),
        "same_bytes": bool(tables) and all(table["same_bytes"] for table in tables.values()),
        "tables": tables,
    }
    differing = [name for name, table in tables.items() if not table["equal"]]
    log(
        f"    ray build {row['seconds']:.1f} s (exit {row['exit_code']}) beside the process pool's "
        f"{pool['seconds']:.1f} s: ×{row['ratio_to_pool']:.2f}; tables "
        + ("identical to the pool's" + (" (same bytes)" if row["same_bytes"] else " (bytes differ)")
           if row["identical"] else f"DIFFER from the pool's: {', '.join(differing)}")
    )
    return row


def run(sizes_mb: list[float], log=print, ray: bool = True) -> dict:
    """Build a corpus of each size (ascending); the last, largest one is the headline."""
    results: dict = {"runs": []}
    with tempfile.TemporaryDirectory(prefix="bench-loader-") as tmp:
        tmp = Path(tmp)
        names = corpus.zone_names(build_sample(tmp / "sample_tables"))
        for size in sorted(sizes_mb):
            reports = tmp / f"reports_{size:g}mb"
            info = corpus.generate(reports, size, names)
            mb = info["bytes"] / 2**20
            log(f"  corpus {mb:.1f} MB: {info['files']} files, {info['reports']} reports; building …")
            build = timed_build(reports, tmp / f"tables_{size:g}mb")
            baseline = regex_baseline(reports)
            facts = build["counts"].get("facts", 0)
            row = {
                **info,
                "mb": mb,
                "build": build,
                "baseline": baseline,
                "mb_per_s": mb / build["seconds"],
                "reports_per_min": info["reports"] / build["seconds"] * 60,
                "facts": facts,
                "facts_per_s": facts / build["seconds"],
                "s_per_mb": build["seconds"] / mb,
                "baseline_mb_per_s": mb / baseline["seconds"],
            }
            results["runs"].append(row)
            log(
                f"    build {build['seconds']:.1f} s (exit {build['exit_code']}), {row['mb_per_s']:.2f} MB/s, "
                f"{row['reports_per_min']:.0f} reports/min, {row['facts_per_s']:.0f} facts/s, "
                f"peak {build['peak_mb']:.0f} MB; regex baseline {row['baseline_mb_per_s']:.1f} MB/s"
            )
            if size == max(sizes_mb) and ray:  # before publish_one changes the corpus and the pool's tables
                results["ray"] = ray_beside_pool(
                    reports, tmp / f"tables_ray_{size:g}mb", tmp / f"tables_{size:g}mb", build, log
                )
            if size == max(sizes_mb):
                results["publish_one"] = publish_one(reports, tmp / f"tables_{size:g}mb", info["reports"], build, log)
    small, large = results["runs"][0], results["runs"][-1]
    results["linearity_time_per_mb"] = large["s_per_mb"] / small["s_per_mb"]
    results["flatness_peak_memory"] = large["build"]["peak_mb"] / small["build"]["peak_mb"]
    return results
