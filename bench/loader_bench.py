"""Loader throughput: `python -m loaders build` on a synthetic corpus, beside a bare regex scan."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import corpus

ROOT = corpus.ROOT


def build_sample(out_dir: Path) -> Path:
    """The bundled sample built by the real loaders (in this process)."""
    from loaders.build import build

    result = build(ROOT / "data" / "reports", out_dir, progress=False)
    if not result.written:
        raise RuntimeError(f"sample build failed: {result.error}")
    return out_dir


def timed_build(reports: Path, out: Path) -> dict:
    """Wall time and the build process's own peak RSS (wait4 rusage of that one child)."""
    command = [sys.executable, "-m", "loaders", "build", "--quiet", "--reports", str(reports), "--out", str(out)]
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


def run(sizes_mb: list[float], log=print) -> dict:
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
            if size == max(sizes_mb):
                results["publish_one"] = publish_one(reports, tmp / f"tables_{size:g}mb", info["reports"], build, log)
    small, large = results["runs"][0], results["runs"][-1]
    results["linearity_time_per_mb"] = large["s_per_mb"] / small["s_per_mb"]
    results["flatness_peak_memory"] = large["build"]["peak_mb"] / small["build"]["peak_mb"]
    return results
