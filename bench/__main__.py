"""`python -m bench [--quick] [--skip-loader] [--skip-ray] [--skip-hostile] [--skip-pages] [--skip-load] [--skip-scale] [--mb N] [--facts N] [--tables DIR]`: a benchmark, not a test.

The pages part times every page cold and cached, the app's peak memory, a bare page and plain DuckDB
queries of the same selection, on synthetic tables: single files (bench/synthetic_tables.py) up to
PAGES_MAX_FACTS facts, the partitioned layout (bench/scale_tables.py) above. An app that reads every
table into pandas is timed only up to PAGES_MAX_FACTS in single files (unless --pages-any-size); one
that queries in place (pages/_shared/store.py) at any size. The scale part (bench/scale_bench.py)
writes the facts in both table layouts and times DuckDB over them.

Prints a readable report and writes bench/out/results.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
PAGES_MAX_FACTS = 2_000_000
# What a page may take at national scale (issue: 10M facts on a 2-core machine).
CACHED_BUDGET_S, COLD_BUDGET_S, MEMORY_BUDGET_MB = 0.3, 2.0, 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small run: 1+2 MB corpus, 20k facts, 2 repeats")
    parser.add_argument("--skip-loader", action="store_true", help="no loader benchmark")
    parser.add_argument("--skip-ray", action="store_true", help="no Ray build beside the process pool's")
    parser.add_argument("--skip-hostile", action="store_true", help="no hostile-input builds")
    parser.add_argument("--skip-pages", action="store_true", help="no page benchmark")
    parser.add_argument("--mb", type=float, default=20, help="corpus size in MB (default 20)")
    parser.add_argument(
        "--facts", type=int, default=1_000_000, help="facts in the synthetic tables (default 1,000,000)"
    )
    parser.add_argument("--layout", choices=("auto", "single", "partitioned"), default="auto",
                        help="the pages' synthetic tables: single files or partitioned folders "
                        f"(auto: partitioned above {PAGES_MAX_FACTS:,} facts)")
    parser.add_argument("--tables", type=Path, default=None,
                        help="time the pages on this tables folder (as built or generated before) instead of "
                             "generating synthetic tables; --facts and --layout are then read from its manifest")
    parser.add_argument("--pages-any-size", action="store_true",
                        help="time the pages even where the app would read every table into pandas")
    parser.add_argument("--repeats", type=int, default=5, help="cached reruns per page (median)")
    parser.add_argument("--skip-load", action="store_true", help="no concurrent-sessions benchmark")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    parser.add_argument("--skip-scale", action="store_true", help="no table-layout benchmark (DuckDB over both layouts)")
    args = parser.parse_args(argv)
    if args.quick:
        args.mb, args.facts, args.repeats = min(args.mb, 2), min(args.facts, 20_000), min(args.repeats, 2)

    results: dict = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "args": vars(args),
    }
    started = time.perf_counter()
    parts = (
        ("loader", _loader, args.skip_loader),
        ("hostile", _hostile, args.skip_hostile),
        ("pages", _pages, args.skip_pages),
        ("load", _load, args.skip_load),
        ("scale", _scale, args.skip_scale),
    )
    for part, run, skip in parts:
        if skip:
            continue
        try:
            results[part] = run(args)
        except Exception as error:  # e.g. the loaders mid-edit: report it, go on with the other part
            results[part] = {"error": f"{type(error).__name__}: {error}"}
            print(f"!! {part} benchmark failed: {results[part]['error']}")
    results["total_s"] = time.perf_counter() - started
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
    )
    _summary(results)
    print(f"\nresults written to {OUT / 'results.json'} ({results['total_s']:.0f} s in all)")
    return 0


def _loader(args) -> dict:
    from . import loader_bench

    sizes = sorted({max(args.mb / 4, 0.5), args.mb})
    print(
        f"== loader: python -m loaders build on synthetic corpora of {' and '.join(f'{s:g}' for s in sizes)} MB"
    )
    return loader_bench.run(sizes, ray=not args.skip_ray)


def _hostile(args) -> dict:
    from . import hostile

    print(f"\n== hostile inputs: python -m loaders build on one file each (budget {hostile.BUDGET_S:.0f} s)")
    return hostile.run()


def app_reads_in_place() -> bool:
    """Whether the app queries the tables where they lie (pages/_shared/store.py, DuckDB) instead of
    reading every table into pandas: then neither the size nor the partitioned layout is a problem."""
    return importlib.util.find_spec("pages._shared.store") is not None


def pages_layout(args) -> str:
    """single up to PAGES_MAX_FACTS (today's generator, comparable with earlier runs), partitioned above."""
    if args.layout != "auto":
        return args.layout
    return "partitioned" if args.facts > PAGES_MAX_FACTS else "single"


def _pages(args) -> dict:
    from . import loader_bench, pages_bench, plain_queries, scale_tables, synthetic_tables

    layout = pages_layout(args)
    in_place = app_reads_in_place()
    if not in_place and not args.pages_any_size and (args.facts > PAGES_MAX_FACTS or layout == "partitioned"):
        print(f"\n== pages: not timed at {args.facts:,} facts in the {layout} layout: this app reads every table "
              "into pandas from single files (pages/_shared/store.py, the DuckDB reader, is absent); "
              "--pages-any-size times it anyway")
        return {"skipped": f"{args.facts:,} facts, {layout} layout, app without DuckDB store"}

    results: dict = {"sets": [], "layout": layout, "app_reads_in_place": in_place,
                     "load_average_at_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        tmp = Path(tmp)
        print(
            f"\n== pages on the sample tables (AppTest; cold = caches cleared, cached = median of {args.repeats})"
        )
        try:
            sample = loader_bench.build_sample(tmp / "sample_tables")
            results["sets"].append(pages_bench.run_set("sample", sample, args.repeats, timeout=300))
        except Exception as error:
            results["sample_error"] = f"{type(error).__name__}: {error}"
            print(f"!! sample tables: {results['sample_error']}")
        if args.tables:
            folder = args.tables.resolve()
            counts, layout = _given_tables(folder)
            results["layout"] = layout
            print(f"\n== pages on the tables in {folder}: {counts.get('facts', 0):,} facts, {layout} layout")
            results["given_tables"] = {"folder": str(folder), "counts": counts, "mb_on_disk": _megabytes(folder)}
        else:
            print(f"\n== pages on {args.facts:,} synthetic facts, {layout} layout")
            start = time.perf_counter()
            folder = tmp / "synthetic_tables"
            if layout == "partitioned":
                counts = scale_tables.write(folder, args.facts)
            else:
                counts = synthetic_tables.make(folder, args.facts)
            results["synthetic_tables"] = {"counts": counts, "make_s": time.perf_counter() - start,
                                           "mb_on_disk": _megabytes(folder)}
            print(f"    tables made in {results['synthetic_tables']['make_s']:.1f} s (in this process, not the app's), "
                  f"{results['synthetic_tables']['mb_on_disk']:.0f} MB on disk: {counts}")
        big = pages_bench.run_set(f"{counts['facts']:,} facts ({layout})", folder, args.repeats, timeout=600)
        results["sets"].append(big)
        results["app_memory_big"] = big["memory"]
        print(f"    -- plain DuckDB over the same files, the pages' selection (all zones, years and kinds); "
              f"warm = median of {args.repeats}")
        results["plain_duckdb"] = plain_queries.run(folder, args.repeats)
    results["load_average_at_end"] = os.getloadavg()
    return results


def _given_tables(folder: Path) -> tuple[dict, str]:
    """(rows per table, layout) of a tables folder, from its manifest.json; exits with a one-line message
    when the folder holds no tables."""
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        sys.exit(f"{folder}: no manifest.json; expected a tables folder (python -m loaders build --out DIR)")
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    return dict(listed.get("tables") or {}), str(listed.get("layout") or "single")


def _megabytes(folder: Path) -> float:
    """Size of the files under `folder`, following links (a folder may link to another's tables)."""
    return sum((Path(root) / name).stat().st_size
               for root, _, names in os.walk(folder, followlinks=True) for name in names) / 2**20


def _load(args) -> dict:
    from . import load_bench, loader_bench

    print(f"\n== load: {args.sessions} browser sessions × {len(load_bench.PAGES)} pages at once against one server "
          "(Debian chromium), beside one session alone")
    with tempfile.TemporaryDirectory(prefix="bench-load-tables-") as tmp:
        return load_bench.run(loader_bench.build_sample(Path(tmp) / "tables"), args.sessions)


def _scale(args) -> dict:
    from . import scale_bench

    print(f"\n== scale: {args.facts:,} facts in the single-file and the partitioned layout, plain DuckDB queries "
          f"(median of {args.repeats} after a warm-up)")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        return scale_bench.run(args.facts, Path(tmp), args.repeats)


def _summary(results: dict) -> None:
    print("\n== summary")
    loader = results.get("loader")
    if loader and "runs" in loader:
        big = loader["runs"][-1]
        print(
            f"loader   {big['mb']:.1f} MB, {big['reports']} reports, {big['facts']} facts: "
            f"{big['mb_per_s']:.2f} MB/s vs regex baseline {big['baseline_mb_per_s']:.1f} MB/s "
            f"(×{big['baseline_mb_per_s'] / big['mb_per_s']:.0f}); {big['reports_per_min']:.0f} reports/min; "
            f"{big['facts_per_s']:.0f} facts/s; peak {big['build']['peak_mb']:.0f} MB"
        )
        publish = loader.get("publish_one")
        if publish:
            print(f"         publish one report into {publish['corpus_reports']} reports: {publish['seconds']:.1f} s "
                  f"(full build {publish['full_build_seconds']:.1f} s)")
        ray = loader.get("ray")
        if ray and "seconds" in ray:
            print(f"         ray build {ray['seconds']:.1f} s beside the process pool's {ray['pool_seconds']:.1f} s "
                  f"(×{ray['ratio_to_pool']:.2f}); tables "
                  + ("identical" + (", same bytes" if ray["same_bytes"] else "") if ray["identical"] else "DIFFER"))
        elif ray:
            print(f"         ray: {ray.get('skipped')}")
        small = loader["runs"][0]
        print(
            f"         {small['mb']:.1f} → {big['mb']:.1f} MB: time per MB ×{loader['linearity_time_per_mb']:.2f} "
            f"(1 = linear), peak memory ×{loader['flatness_peak_memory']:.2f} (1 = flat)"
        )
    hostile = results.get("hostile")
    if hostile and "cases" in hostile:
        print(
            "hostile  "
            + "; ".join(f"{case['case']}: {case['seconds']:.1f} s" for case in hostile["cases"])
            + f" (budget {hostile['budget_s']:.0f} s each: "
            + ("all within" if all(case["within_budget"] for case in hostile["cases"]) else "OVER")
            + ")"
        )
    pages = results.get("pages")
    if pages and "sets" in pages:
        failed = [
            (s["tables"], p["page"], p["errors"][0]) for s in pages["sets"] for p in s["pages"] if p["errors"]
        ]
        memory = pages.get("app_memory_big")
        if memory:
            print(
                f"pages    app memory on the big tables: peak RSS {memory['peak_mb']:.0f} MB of a fresh process that "
                f"read them once and served every page ({memory['baseline_mb']:.0f} MB of it imports; "
                f"growth {memory['growth_mb']:.0f} MB)"
            )
        if "load_average_at_start" in pages:
            print(f"         machine load (1-minute average) {pages['load_average_at_start'][0]:.1f} at the start, "
                  f"{pages.get('load_average_at_end', pages['load_average_at_start'])[0]:.1f} at the end, on {os.cpu_count()} cores")
        for page_set in pages["sets"]:
            timed = [p for p in page_set["pages"] if p["cached_s"] is not None]
            over = [p["page"] for p in timed if p["cached_s"] > CACHED_BUDGET_S or (p.get("ratio_to_bare") or 0) > 1.5]
            slow = [p["page"] for p in timed if p["cold_s"] > COLD_BUDGET_S]
            worst = max(timed, key=lambda p: p["cold_s"], default=None)
            print(
                f"         {page_set['tables']}: bare cached {page_set['bare']['cached_s']:.3f} s; over budget "
                f"(cached > {CACHED_BUDGET_S} s or > 1.5× bare): {', '.join(over) or 'none'}; cold > "
                f"{COLD_BUDGET_S:.0f} s: {', '.join(slow) or 'none'}"
                + (f" (slowest cold {worst['page']} {worst['cold_s']:.2f} s)" if worst else "")
            )
        if memory:
            print(f"         app peak memory {memory['peak_mb']:.0f} MB: "
                  + ("within" if memory["peak_mb"] <= MEMORY_BUDGET_MB else "OVER") + f" {MEMORY_BUDGET_MB} MB")
        for query in pages.get("plain_duckdb", []):
            print(f"         plain DuckDB {query['query']}: cold {query['cold_s']:.2f} s, warm {query['warm_s']:.3f} s")
        for tables, page, error in failed:
            print(f"         RAISED on {tables}: {page}: {error[:160]}")
        if not failed:
            print("         no page raised")
    scale = results.get("scale")
    if scale and "queries" in scale:
        print(f"scale    {scale['facts']:,} facts, DuckDB medians: " + "; ".join(
            f"{q['query']} / {q['layout']} {q['median_s'] * 1000:.0f} ms" for q in scale["queries"]))
    load = results.get("load")
    if load and "concurrent" in load:
        single, many = load["single"], load["concurrent"]
        print(f"load     {load['sessions']} sessions: median {many['median_s']:.2f} s, p95 {many['p95_s']:.2f} s, "
              f"{many['errors']} errors in {many['loads']} page loads; one session alone: median "
              f"{single['median_s']:.2f} s, p95 {single['p95_s']:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
