"""Command line: ``extractor run | eval | patterns check/test/list | schema``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import orjson

from . import __version__
from .patterns import PatternError, load_patterns, pattern_dirs, print_notices

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_PATTERNS = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="extractor",
        description="Turn ML paper listings (title + abstract) into validated JSON records: "
        "benchmarks, reported gains, URLs, method names and acronyms, each with provenance.",
    )
    p.add_argument("--version", action="version", version=f"paper-extractor {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    r = sub.add_parser(
        "run",
        help="extract records from files or folders",
        description="Read paper listings (listing pages, JSONL, JSON arrays; folders recursively; '-' for "
        "standard input) and write one JSON record per distinct paper. A summary goes to stderr; the exit "
        "code is 1 when any input was skipped.",
    )
    r.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or '-' for standard input")
    r.add_argument("-o", "--output", metavar="OUT.jsonl", help="output file (default: standard output); "
                   "written as OUT.jsonl.partial and renamed when the run completes")
    r.add_argument("--patterns", action="append", default=[], metavar="DIR",
                   help="extra pattern folder layered over the bundled rules (repeatable; also "
                   "$PAPER_EXTRACTOR_PATTERNS, separated by ':')")
    r.add_argument("--resume", action="store_true", help="continue an interrupted run from OUT.jsonl.partial, "
                   "skipping papers already written")
    r.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: all cores); output is identical for every N")
    r.add_argument("--progress", choices=("auto", "bar", "lines", "off"), default="auto",
                   help="progress on stderr: a bar on a terminal, a line every 10 s otherwise (default: auto)")
    r.add_argument("--dask", metavar="SCHEDULER", help="run on a Dask cluster instead: a scheduler address "
                   "(tcp://host:8786) or 'local' for a LocalCluster; -o then names a folder of JSONL shards "
                   "(needs the 'dask' extra)")

    e = sub.add_parser(
        "eval",
        help="score predicted records against gold JSONL",
        description="Precision, recall and F1 per field of PRED against GOLD (records aligned by normalised "
        "title; matching rules in GUIDELINES.md), plus how often gains' baseline and metric agree with gold.",
    )
    e.add_argument("--gold", required=True, action="append", metavar="GOLD.jsonl", help="gold file (repeatable)")
    e.add_argument("pred", metavar="PRED.jsonl", help="records written by 'extractor run'")
    e.add_argument("--json", action="store_true", help="print the scores as JSON")
    e.add_argument("--errors", action="store_true", help="list every false positive and false negative")

    pt = sub.add_parser("patterns", help="check, test or list pattern files",
                        description="Work with pattern folders (the bundled one plus any DIR given).")
    psub = pt.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, text in (
        ("check", "validate every pattern file; print file:line: rule: problem; exit 1 on any"),
        ("test", "run every rule's examples and negatives; print failures as expected vs found"),
        ("list", "rule ids, kinds and example counts"),
    ):
        a = psub.add_parser(name, help=text, description=text)
        a.add_argument("dirs", nargs="*", metavar="DIR", help="extra pattern folder(s) over the bundled ones")

    sub.add_parser("schema", help="print the JSON Schema of an output record",
                   description="Print the JSON Schema of the record 'extractor run' writes.")
    return p


def cmd_run(args: argparse.Namespace) -> int:
    from .parallel import default_jobs
    from .run import Interrupted, run

    jobs = args.jobs if args.jobs is not None else default_jobs()
    if jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.dask:
            from .dask_adapter import DaskUnavailable, run_dask

            if not args.output or args.output == "-":
                print("error: --dask needs -o FOLDER for the JSONL shards", file=sys.stderr)
                return EXIT_USAGE
            try:
                summary = run_dask(args.paths, args.output, scheduler=args.dask, patterns=args.patterns,
                                   resume=args.resume)
            except DaskUnavailable as exc:
                print(f"error: {exc}", file=sys.stderr)
                return EXIT_USAGE
        else:
            summary = run(args.paths, args.output, patterns=args.patterns, resume=args.resume, jobs=jobs,
                          progress=args.progress)
    except PatternError as exc:
        print(f"error: pattern files are broken:\n{exc}", file=sys.stderr)
        return EXIT_PATTERNS
    except Interrupted as exc:
        print(exc.message(), file=sys.stderr)
        return exc.exit_code
    print(summary.text(), file=sys.stderr)
    return EXIT_SKIPPED if summary.skipped else EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, load_jsonl

    try:
        gold = [g for path in args.gold for g in load_jsonl(path)]
        pred = load_jsonl(args.pred)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    report = evaluate(gold, pred)
    if args.json:
        sys.stdout.write(orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        print(report.table())
    if args.errors:
        for score in report.scores.values():
            for err in score.errors:
                print(err)
    return EXIT_OK


def cmd_patterns(args: argparse.Namespace) -> int:
    from .kinds import RULE_MODELS

    dirs = pattern_dirs(args.dirs)
    try:
        patterns = load_patterns(dirs, RULE_MODELS)
    except PatternError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    print_notices(patterns)
    if args.action == "check":
        from .pattern_lint import lint
        from .pipeline import Pipeline

        try:
            pipeline = Pipeline.build(patterns)  # builds matchers and compiles every regex as a run does
        except PatternError as exc:
            print(exc)
            return 1
        problems = lint(patterns, pipeline.nlp)
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} problem(s)", file=sys.stderr)
            return 1
        print(f"ok: {sum(1 for _ in patterns.all())} rules in {len(patterns.files)} files")
        return EXIT_OK
    if args.action == "list":
        for lr in patterns.all():
            rel = _rel(lr.path)
            print(f"{lr.pattern_id:<48} {rel}:{lr.line}  examples={len(lr.rule.examples)} "
                  f"negatives={len(lr.rule.negatives)}")
        return EXIT_OK
    from .examples import cases, check
    from .pipeline import Pipeline

    try:
        pipeline = Pipeline.build(patterns)
    except PatternError as exc:
        print(exc)
        return 1
    failed = total = 0
    for case in cases(patterns):
        total += 1
        problems = check(case, pipeline)
        if problems:
            failed += 1
            print(f"FAIL {_rel(case.rule.path)}:{case.rule.line} {case.id}")
            print(f"  text: {case.title + ' | ' if case.title else ''}{case.text}")
            for pr in problems:
                print(f"  - {pr}")
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else EXIT_OK


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def cmd_schema(args: argparse.Namespace) -> int:
    from .record import Record

    schema = Record.model_json_schema(by_alias=True)
    sys.stdout.write(orjson.dumps(schema, option=orjson.OPT_INDENT_2).decode() + "\n")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"run": cmd_run, "eval": cmd_eval, "patterns": cmd_patterns, "schema": cmd_schema}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
