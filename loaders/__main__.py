"""The command line: `python -m loaders build [--reports DIR] [--out DIR] [--quiet] [--no-wait]`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .build import BuildResult, build
from .listing import printable

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
    build_command.set_defaults(run=_run_build)
    return parser


def _run_build(args: argparse.Namespace) -> int:
    result = build(args.reports, args.out, progress=not args.quiet, wait=not args.no_wait)
    if not args.quiet:
        print(summary(result))
    return result.exit_code


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
