"""An evaluation (loaders.evaluation.evaluate) as text: headline figures, breakdowns, then misses and spurious rows."""

from __future__ import annotations

# (breakdown, its label, the breakdown printed beside it): a file's zone-blind count is its by-file grade
BREAKDOWNS = (("by_metric", "metric", None), ("by_kind", "kind", None), ("by_file", "report", "by_file_zone_blind"))


def render(result: dict) -> str:
    """The whole evaluation of one gold folder, each scope (all, then each half) in turn."""
    lines = [f"gold {result['gold']} (key: {result['key']}) against {result.get('tables') or result['reports']}"
             f" ({result['reports_graded']} reports graded)"]
    lines += [f"  skipped {line}" for line in result.get("skipped_files", [])]
    if result["reports_left_out"]:
        lines.append(f"  not in sources.tsv, left out: {', '.join(result['reports_left_out'])}")
    if result["reports_without_text"]:
        lines.append(f"  gold but no text (every gold row a miss): {', '.join(result['reports_without_text'])}")
    for scope, scores in result["scores"].items():
        lines += ["", f"== {scope}", *headline(scores)]
        for name, label, beside in BREAKDOWNS:
            lines += ["", *breakdown_table(label, scores["facts"][name], scores["facts"].get(beside))]
    lines += ["", *listing("missed gold facts", result["misses"])]
    lines += ["", *listing("rows matching no gold fact", result["spurious"])]
    if "wrong_zone" in result:
        lines += ["", *listing("gold facts found only when the zone is left out", result["wrong_zone"])]
        lines += ["", *zone_listing("gold zones no zone name matched", result["zones_missed"], "named")]
        lines += ["", *zone_listing("zone names matching no gold zone", result["zones_spurious"], "aliases")]
    lines += ["", *headline_facts(result["scores"])]
    return "\n".join(lines)


def headline(scores: dict) -> list[str]:
    """One line per figure of one scope."""
    facts, blind, values = scores["facts"], scores["facts_zone_blind"], scores["values"]
    zones = scores["zones"]
    return [
        f"{'facts':<22}{_prf(facts)}",
        f"{'facts, zone-blind':<22}{_prf(blind)}",
        f"{'values found at all':<22}recall {values['recall']:.3f}  ({values['found']} of {values['gold']} gold)",
        *(f"{table:<22}{_items(scores[table])}" for table in ("projects", "infrastructure")),
        f"{'zone names':<22}precision {zones['precision']:.3f}  recall {zones['recall']:.3f}  "
        f"({zones['found']} of {zones['gold']} gold found, {zones['matching_rows']} of {zones['rows']} names match)",
    ]


def headline_facts(scores: dict) -> list[str]:
    """The facts line of every scope, last, where a reader of a long listing looks first."""
    return [f"facts ({scope}): {_prf(figures['facts'])}" for scope, figures in scores.items()]


def breakdown_table(label: str, rows: dict, zone_blind: dict | None = None) -> list[str]:
    """One row per metric, kind or report: gold, rows, found, precision, recall, F1 (and, per report, the found
    count and F1 when the zone is left out)."""
    width = max([len(label), *(len(name) for name in rows)]) + 2
    blind_header = f"{'found*':>8}{'F1*':>7}" if zone_blind is not None else ""
    lines = [f"{label:<{width}}{'gold':>6}{'rows':>6}{'found':>7}{'prec':>7}{'recall':>7}{'F1':>7}{blind_header}"]
    for name, row in rows.items():
        blind = f"{zone_blind[name]['found']:>8}{zone_blind[name]['f1']:>7.3f}" if zone_blind is not None else ""
        lines.append(f"{name:<{width}}{row['gold']:>6}{row['rows']:>6}{row['found']:>7}"
                     f"{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}{blind}")
    if zone_blind is not None:
        lines.append("(* found and F1 with the zone left out)")
    return lines


def listing(title: str, rows: dict) -> list[str]:
    """Listed rows, each with its report (and half), zone, metric/kind, raw = value, then its sentence."""
    lines = [f"{title} (first {len(rows['rows'])} of {rows['count']}):"]
    for row in rows["rows"]:
        report = f"{row['report']}, {row['half']}" if row["half"] else row["report"]
        why = f"  ({row['why']})" if row.get("why") else ""
        lines.append(f"  [{report}] {row['zone']} {row['metric']}/{row['kind']} {row['raw']} = {row['value']:g}{why}")
        lines.append(f"      {row['quote'] or '(sentence not found)'}")
    return lines


def zone_listing(title: str, rows: dict, others: str) -> list[str]:
    """Listed zones, each with its report (and half), its name and the other names that go with it."""
    lines = [f"{title} (first {len(rows['rows'])} of {rows['count']}):"]
    for row in rows["rows"]:
        report = f"{row['report']}, {row['half']}" if row["half"] else row["report"]
        lines.append(f"  [{report}] {row['zone']}  ({others}: {' | '.join(row['names']) or '-'})")
    return lines


def _prf(figures: dict) -> str:
    return (f"precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  F1 {figures['f1']:.3f}  "
            f"({figures['found']} of {figures['gold']} gold, {figures['rows']} rows)")


def _items(figures: dict) -> str:
    return (f"recall {figures['recall']:.3f}  status accuracy {figures['status_accuracy']:.3f}  "
            f"({figures['found']} of {figures['gold']} gold, {figures['rows']} rows)")
