"""The command line: `python -m loaders build [--reports DIR] [--out DIR] [--quiet] [--no-wait]`.

`build --layout partitioned` writes facts, projects, infrastructure and quality as partitioned folders
(loaders/contract/layouts.py); `build --engine ray [--address ADDR]` extracts the reports on Ray (loaders/pipeline/engines.py).

`python -m loaders evaluate [--reports DIR] [--gold DIR] [--tables DIR] [--json] [--misses N]`
grades the loaders against a gold folder (docs/DATA_CONTRACT.md); with neither --reports nor
--gold it grades the bundled sample and, when its texts are at hand, the development corpus.

`python -m loaders users add|remove|list` manages the editors' and viewers' accounts.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from pathlib import Path

from .accounts import ROLES, AccountError, Accounts, accounts_file
from .contract.layouts import LAYOUTS
from .pipeline.build import BuildResult, Plan, build
from .pipeline.engines import ENGINES
from .reading.listing import printable

SAMPLE = (Path("data/reports"), Path("data/gold/sample"))
DEVCORPUS_GOLD = Path("data/gold/devcorpus")
DEVCORPUS_TEXTS = "ZONES_DEVCORPUS_TEXTS"  # the development corpus's texts never enter the repository

SUMMARY_ROWS = (
    ("reports", "documents"),
    ("zones", "zones"),
    ("facts", "facts"),
    ("projects", "projects"),
    ("infrastructure items", "infrastructure"),
    ("quality flags", "quality"),
)


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; returns the process exit code (argparse usage errors exit 2)."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_command = commands.add_parser("build", help="build data/tables from data/reports")
    build_command.add_argument("--reports", type=Path, default=Path("data/reports"), help="reports folder")
    build_command.add_argument("--out", type=Path, default=Path("data/tables"), help="tables folder")
    build_command.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    build_command.add_argument(
        "--no-wait", action="store_true", help="exit 2 at once if another build of the same --out is running"
    )
    build_command.add_argument(
        "--no-cache", action="store_true", help="read and extract every report again (no reuse of the last build's work)"
    )
    build_command.add_argument(
        "--layout", choices=LAYOUTS, default=None,
        help="single: one Parquet file per table; partitioned: folders by province (and year) to read in place "
        "(default: the layout of the tables being replaced, single for new tables)",
    )
    build_command.add_argument(
        "--engine", choices=ENGINES, default="process",
        help="process: this machine's processes (default); ray: one Ray task per report (pip install -e '.[ray]')",
    )
    build_command.add_argument(
        "--address", metavar="ADDR", help="with --engine ray: join this Ray cluster instead of starting one here"
    )
    build_command.set_defaults(run=_run_build)
    evaluate_command = commands.add_parser(
        "evaluate",
        help="grade the loaders against hand-checked gold",
        description="Grade the loaders against a gold folder. With neither --reports nor --gold: the sample,"
        f" then {DEVCORPUS_GOLD} when {DEVCORPUS_TEXTS} names the folder of its texts.",
    )
    evaluate_command.add_argument("--reports", type=Path, metavar="DIR", help="reports folder (default data/reports)")
    evaluate_command.add_argument("--gold", type=Path, metavar="DIR", help="gold folder (default data/gold/sample)")
    evaluate_command.add_argument("--tables", type=Path, metavar="DIR", help="grade these built tables, no build")
    evaluate_command.add_argument("--json", action="store_true", help="print the results as JSON")
    evaluate_command.add_argument("--misses", type=int, default=15, metavar="N", help="misses and spurious rows to list")
    evaluate_command.set_defaults(run=_run_evaluate)

    users = commands.add_parser("users", help="editor and viewer accounts (a local file of argon2 hashes)")
    users.add_argument("--file", type=Path, default=None, help="accounts file (default: $ZONES_ACCOUNTS_FILE or "
                       "~/.config/zone-dashboard/accounts.json)")
    actions = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="create or replace an account; the password is typed, never an argument")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default="editor")
    remove = actions.add_parser("remove", help="delete an account")
    remove.add_argument("name")
    actions.add_parser("list", help="names and roles")
    users.set_defaults(run=_run_users)
    return parser


def _run_build(args: argparse.Namespace) -> int:
    if args.address and args.engine != "ray":
        print("error: --address needs --engine ray", file=sys.stderr)
        return 2
    plan = Plan(engine=args.engine, address=args.address, layout=args.layout)
    result = build(
        args.reports, args.out, progress=not args.quiet, wait=not args.no_wait, use_cache=not args.no_cache, plan=plan
    )
    if not args.quiet:
        print(summary(result))
    return result.exit_code


def _run_evaluate(args: argparse.Namespace) -> int:
    from .evaluation.evaluate import EvaluationError, evaluate
    from .evaluation.scorecard import render

    results = {}
    try:
        for name, reports, gold in _evaluations(args):
            if gold is None:
                results[name] = {"skipped": reports}
                continue
            results[name] = evaluate(Path(reports), gold, args.tables, args.misses)
    except EvaluationError as error:
        print(f"evaluate: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        print("\n\n".join(f"{name}: skipped, {result['skipped']}" if "skipped" in result else render(result)
                           for name, result in results.items()))
    return 0


def _evaluations(args: argparse.Namespace) -> list[tuple[str, Path | str, Path | None]]:
    """(name, reports, gold) to grade; a skipped one has the reason in place of reports and no gold."""
    if args.reports or args.gold or args.tables:
        gold = args.gold or SAMPLE[1]
        return [(gold.name, args.reports or SAMPLE[0], gold)]
    runs: list[tuple[str, Path | str, Path | None]] = [(SAMPLE[1].name, *SAMPLE)]
    texts = os.environ.get(DEVCORPUS_TEXTS)
    if not DEVCORPUS_GOLD.is_dir():
        runs.append((DEVCORPUS_GOLD.name, f"no {DEVCORPUS_GOLD} folder", None))
    elif not texts or not Path(texts).is_dir():
        reason = f"its texts are not here (set {DEVCORPUS_TEXTS}=DIR, or run evaluate --reports DIR --gold {DEVCORPUS_GOLD})"
        runs.append((DEVCORPUS_GOLD.name, reason, None))
    else:
        runs.append((DEVCORPUS_GOLD.name, Path(texts), DEVCORPUS_GOLD))
    return runs
def _run_users(args: argparse.Namespace) -> int:
    accounts = Accounts(args.file or accounts_file())
    try:
        if args.action == "list":
            for name, role in accounts.users():
                print(f"{name}\t{role}")
        elif args.action == "remove":
            accounts.remove(args.name)
            print(f"removed {args.name} from {accounts.path}")
        else:
            accounts.add(args.name, _typed_password(), role=args.role)
            print(f"{args.name} ({args.role}) saved in {accounts.path}")
    except AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _typed_password() -> str:
    """Typed twice at a terminal (not echoed); one line from standard input when it is a pipe."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("password: ")
    if getpass.getpass("again: ") != password:
        raise AccountError("the two passwords differ")
    return password


def summary(result: BuildResult) -> str:
    """What the build read, found and skipped, and where the tables went."""
    out = printable(str(result.out_dir))
    if not result.files_read and not result.skipped:
        return f"no tables written; {out} left as it was ({result.error})"
    lines = [f"files read            {result.files_read}"]
    lines += [f"{label:<21} {result.counts.get(table, 0)}" for label, table in SUMMARY_ROWS]
    lines.append(f"files skipped         {len(result.skipped)}")
    lines += [f"  {file}: {reason}" for file, reason in result.skipped]
    if result.written:
        lines.append(f"tables written to     {out}")
    else:
        lines.append(f"no tables written; {out} left as it was ({result.error})")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
