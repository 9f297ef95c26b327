"""The ``regtext`` command: a thin layer over the Python API, one function per subcommand.

Exit codes: 0 success, 1 a well-formed input failed a check, 2 unusable input or wrong usage.
Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from . import __version__
from .cite.styles import STYLES
from .errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_UNUSABLE, NotFound, RegtextError, UsageError
from .export import FORMATS as EXPORT_FORMATS
from .output import FORMAT_NAMES, move_into_place, output_target, scratch_folder, staged_folder, write_atomic
from .problems import FORMATS as PROBLEM_FORMATS
from .publish import FORMATS as DOCUMENT_FORMATS
from .study import FILE_FORMATS as STUDY_FILE_FORMATS
from .study import FORMATS as STUDY_FORMATS
from .study import LANGS as STUDY_LANGS
from .versions.formats import FORMATS as DIFF_FORMATS
from .versions.formats import UNCHANGED as DIFF_UNCHANGED

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from typing import TypedDict

    from .corpus import Corpus
    from .decide.engine import Decision, Problem
    from .model import Document, Node
    from .output import Target as OutputTarget
    from .refs.national import Stored
    from .render import Rendered
    from .versions.follow import Followed

    class _RenderOptions(TypedDict):
        issuer: str | None
        letterhead: str | None
        head: bool
        seal: bytes | str | None
        double_sided: bool

Command = Callable[[argparse.Namespace], int]

#: The --store option of every command that takes a document.
STORE_HELP = ("a corpus store (from 'regtext corpus import') whose ids DOC may name "
              "(default: REGTEXT_STORE, else ~/.local/share/regtext/store.sqlite3 when it exists)")

AS_OF_HELP = ("YYYY-MM-DD: a work's id or name means its version in force on DATE (default: today); a "
              "version's id not in force then is refused")

#: What parse, refs, cite and decide print: their own text, or the JSON of the same result.
REPORT_FORMATS = ("text", "json")


def display_path(path: str) -> str:
    """``corpus.shown_path``: relative under the working directory, a bundled text as ``corpus/…``."""
    from .corpus import shown_path

    return shown_path(path)


def files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def emit(text: str | bytes | Iterable[str] | Iterable[bytes], out: Path | None) -> None:
    """Write a result to a file (atomically) or stdout.  Callers produce pieces only after every
    check has passed, so a failure never leaves partial output."""
    if out is not None:
        write_atomic(out, text)
        return
    for piece in [text] if isinstance(text, (str, bytes)) else text:
        if isinstance(piece, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(piece)
        else:
            sys.stdout.write(piece)
    sys.stdout.flush()


def store_of(args: argparse.Namespace) -> Path | None:
    """The corpus store a command reads ids from (``--store``, REGTEXT_STORE, the default location)."""
    from .store import store_for_reading

    return store_for_reading(args.store)


def _source_lines(doc: Document) -> list[str]:
    """The lines a diagnostic's line number counts: the text's, or — for a text converted from
    another file whose lines it keeps (a stored LawRefBook Markdown) — that file's, when it is
    still there (else no line is quoted rather than the wrong one)."""
    if doc.normalized.lines.numbers is None:
        return doc.normalized.original.removeprefix("\ufeff").split("\n")
    try:
        return Path(doc.source).read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    except (OSError, UnicodeDecodeError):
        return []


def cmd_parse(args: argparse.Namespace) -> int:
    from .corpus import load

    target = output_target(args.output, args.to, default="text", file_formats=REPORT_FORMATS)
    doc = load(args.doc, _given_day(args), store=store_of(args))
    if target.fmt == "json":
        from .corpus import default_corpus
        from .export.json import chunks
        from .refs.citedby import cited_by

        result: str | Iterable[bytes] = chunks(doc, cited_by(doc, default_corpus()))
    else:
        from .export.outline import outline

        result = outline(doc)
    if not args.quiet:
        where = display_path(doc.source)
        lines = _source_lines(doc) if doc.diagnostics else []
        # One write: a text of 50,000 repeated numbers has 50,000 warnings (a write each cost 0.2 s).
        sys.stderr.write("".join(f"{d.problem(where, lines).text()}\n" for d in doc.diagnostics))
    emit(result, target.path)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .export import formats

    if args.all:
        if args.doc:
            raise UsageError(f"give a document or --all, not both ({args.doc} and --all)")
        if args.output is None:
            raise UsageError("--all writes one file per document: give a folder with -o DIR")
        target = output_target(args.output, args.to, default=args.to, file_formats=(), folder=True,
                               several="--all writes one file per document and needs a folder")
        assert target.path is not None  # -o was required above
        with staged_folder(target.path) as stage:
            written = formats.export_corpus(args.to, stage)
        print(f"wrote {files(len(written))} to {display_path(args.output)}", file=sys.stderr)
        return EXIT_OK
    if not args.doc:
        raise UsageError("give a document (corpus id or file path), or --all")
    from .corpus import load

    target = output_target(args.output, args.to, default=args.to, file_formats=EXPORT_FORMATS)
    emit(formats.export_document(load(args.doc, store=store_of(args)), args.to), target.path)
    return EXIT_OK


def cmd_decide(args: argparse.Namespace) -> int:
    from .decide import decide, load_case

    decision = decide(load_case(args.case))
    if args.to == "json":
        import json

        data = decision.to_dict(display_path(decision.case.path))
        emit(json.dumps(data, ensure_ascii=False, indent=1) + "\n", None)
    else:
        from .decide.engine import DOCUMENT_NAMES

        lines = [f"{display_path(decision.case.path)}: {decision.kind} ({DOCUMENT_NAMES.get(decision.kind or '', '')})"
                 f" on {decision.case.subject['name']}, 《{decision.doc.title}》"]
        width = max([12, *(len(entry.role) for entry in decision.basis)])   # sanction_circumstance
        for entry in decision.basis:
            lines.append(f"  {entry.role:{width}} {entry.citation:24} {entry.node.eid}")
        if decision.sanction is not None:
            from .decide import period_phrase

            lines.append(f"  {'sanction':{width}} {decision.sanction['kind']}{period_phrase(decision.sanction)}")
        lines.append(f"  {decision.sentence()}")
        emit("\n".join(lines) + "\n", None)
    _print_problems(decision)
    return EXIT_FINDINGS if decision.errors else EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    from .render import DecisionErrors, render_case

    cases = _case_files(args.cases)
    several = f"{len(cases)} case files need a folder" if len(cases) > 1 else None
    target = output_target(args.output, args.to, default=None, file_formats=DOCUMENT_FORMATS,
                           folder=True, several=several)
    fmt = target.fmt or "docx"
    options = _render_options(args, fmt)
    if options["double_sided"]:  # before any work: the pages are measured with LibreOffice
        from .publish.duplex import require as require_layout

        if fmt not in ("docx", "pdf"):
            raise UsageError(f"--double-sided pages a DOCX or PDF; {fmt.upper()} has no pages",
                             hint="render --to docx or --to pdf, or leave out --double-sided")
        require_layout(len(cases))
    if fmt == "pdf":  # before any work: no LibreOffice, no PDF
        from .publish.pdf import require

        require(len(cases))
    if not target.folder:
        path = target.path or Path(f"{Path(cases[0]).stem}.{fmt}")
        rendered = _render_one(cases[0], args.template, options)
        write_atomic(path, rendered.to(fmt))
        print(f"wrote {display_path(str(path))}: {rendered.title}", file=sys.stderr)
        return EXIT_OK
    folder = target.path or Path(".")
    failed = 0
    progress = _Progress(len(cases))
    batch = _Batch(fmt, double_sided=options["double_sided"])
    with staged_folder(folder) as stage:  # every document or none: a full disk leaves no half folder
        for case in cases:
            progress.step(case)
            try:
                rendered = render_case(case, args.template, **options)
            except DecisionErrors as exc:
                failed += 1
                progress.message(f"regtext: error: {exc}")
                for problem in exc.decision.errors:
                    progress.message(_shown(exc.decision, problem))
                continue
            except RegtextError as exc:
                failed += 1
                progress.message(f"regtext: error: {exc}")
                continue
            batch.add(stage / f"{Path(case).stem}.{fmt}", rendered, case)
        if batch.pending and progress.live:  # LibreOffice takes seconds: say why the bar stopped
            progress.message(f"converting {batch.pending} documents to PDF with LibreOffice …")
        batch.write()
    progress.done()
    print(f"rendered {len(cases) - failed} of {len(cases)} case files into {display_path(str(folder))}",
          file=sys.stderr)
    return EXIT_FINDINGS if failed else EXIT_OK


#: Options that shape the printed page only: HTML and Markdown have no letterhead, no seal and no
#: pre-printed paper, so with them these would do nothing — and silence would say they did.
PAPER_ONLY = (("letterhead", "--letterhead"), ("seal", "--seal"), ("seal_space", "--seal-space"),
              ("no_head", "--no-head"))


def _render_options(args: argparse.Namespace, fmt: str = "docx") -> _RenderOptions:
    """--issuer, --letterhead, --no-head, --seal, --seal-space, --double-sided as render_case's parameters; the two
    that exclude each other, and the paper's options with --to html or md, are refused before any case is read."""
    given = [flag for name, flag in PAPER_ONLY if getattr(args, name)]
    if given and fmt not in ("docx", "pdf"):
        raise UsageError(f"{', '.join(given)}: {'applies' if len(given) == 1 else 'apply'} to the printed document "
                         f"(DOCX, PDF) only, not to {fmt}", hint=f"leave {' and '.join(given)} out, or render --to docx or pdf")
    if args.no_head and args.letterhead:
        raise UsageError("--no-head and --letterhead exclude each other: pre-printed paper has its head, a "
                         "letterhead brings one", hint="give one of them")
    if args.seal and args.seal_space:
        raise UsageError("--seal and --seal-space exclude each other", hint="give one of them")
    return {"issuer": args.issuer, "letterhead": args.letterhead, "head": not args.no_head, "seal": _seal(args),
            "double_sided": args.double_sided}


def _seal(args: argparse.Namespace) -> bytes | str | None:
    """--seal FILE.png: the seal drawn over the 落款; --seal-space: room for one pressed by hand."""
    from .publish.docx.signoff import SEAL_SPACE
    from .render import read_seal

    return read_seal(args.seal) if args.seal else SEAL_SPACE if args.seal_space else None


class _Batch:
    """The documents of a folder render: each written as it comes, except PDF, whose DOCX files
    wait to go through one LibreOffice process together (publish.pdf), then are written — and
    double-sided documents, all measured in the same LibreOffice runs (publish/duplex.py)."""

    def __init__(self, fmt: str, *, double_sided: bool = False) -> None:
        self.fmt = fmt
        self.double_sided = double_sided
        self.waiting: list[tuple[Path, bytes, str]] = []  # PDF file, its DOCX, its case file
        self.sided: list[tuple[Path, Rendered]] = []      # double-sided: the file, its document

    def add(self, path: Path, rendered: Rendered, case: str) -> None:
        if self.double_sided:
            self.sided.append((path, rendered))
        elif self.fmt != "pdf":
            write_atomic(path, rendered.to(self.fmt))
        else:
            self.waiting.append((path, rendered.to("docx"), case))

    @property
    def pending(self) -> int:
        """How many documents wait for LibreOffice."""
        return len(self.waiting) + len(self.sided)

    def write(self) -> None:
        if self.sided:
            from .render import lay_out_double_sided

            laid = lay_out_double_sided([rendered for _, rendered in self.sided])
            for (path, _), sided in zip(self.sided, laid, strict=True):
                write_atomic(path, sided.pdf if self.fmt == "pdf" else sided.docx)
        if not self.waiting:
            return
        from .publish.pdf import docx_to_pdf

        pdfs = docx_to_pdf([docx for _, docx, _ in self.waiting],
                           names=[display_path(case) for _, _, case in self.waiting])
        for (path, _, _), pdf in zip(self.waiting, pdfs, strict=True):
            write_atomic(path, pdf)


def _render_one(case: str, template: str | None, options: _RenderOptions) -> Rendered:
    from .render import DecisionErrors, render_case

    try:
        return render_case(case, template, **options)
    except DecisionErrors as exc:
        _print_problems(exc.decision, exc.decision.errors)
        raise


def _print_problems(decision: Decision, problems: list[Problem] | None = None) -> None:
    """A decision's problems (all, or those given) on stderr, the compiler way every command prints."""
    for problem in decision.problems if problems is None else problems:
        print(_shown(decision, problem), file=sys.stderr)


def _shown(decision: Decision, problem: Problem) -> str:
    return problem.located(decision.case.source.lines).text()


def _not_a_case(path: Path) -> bool:
    """Rulebooks, metadata and issuer profiles (``issuer.yaml``, ``*.issuer.yaml``) live among cases."""
    return path.name == "issuer.yaml" or path.name.endswith((".rulebook.yaml", ".meta.yaml", ".issuer.yaml"))


def _case_files(paths: list[str]) -> list[str]:
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*.yaml")) if not _not_a_case(f))
        else:
            out.append(path)
    if not out:
        raise UsageError("no case files (.yaml) found")
    return out


class _Progress:
    """A progress bar on a terminal (stderr), nothing when output is redirected."""

    def __init__(self, total: int) -> None:
        self.total, self.count = total, 0
        self.live = sys.stderr.isatty() and total > 1

    def step(self, name: str) -> None:
        self.count += 1
        if self.live:
            filled = int(30 * self.count / self.total)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.count}/{self.total} {Path(name).name[:30]:30}")
            sys.stderr.flush()

    def message(self, text: str) -> None:
        if self.live:
            sys.stderr.write("\r" + " " * 80 + "\r")
        print(text, file=sys.stderr)

    def done(self) -> None:
        if self.live:
            sys.stderr.write("\n")


def cmd_check(args: argparse.Namespace) -> int:
    from .check import default_paths, run
    from .problems import as_json

    if args.since and not args.as_of:
        raise UsageError("--since needs --as-of: it says which version the citations are read in before they are "
                         "followed to the one in force on the --as-of day")
    paths = [Path(p) for p in args.paths] or default_paths()
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
    findings = run(paths, as_of=_given_day(args), since=_since(args))
    shown = [replace(f, path=display_path(f.path)) for f in findings if args.verbose or f.severity != "info"]
    if args.format == "json":
        emit(as_json(shown), None)
    else:
        for finding in shown:
            print(finding.text() if args.format == "text" else finding.github())
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    print(f"regtext check: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_FINDINGS if errors or (args.strict and warnings) else EXIT_OK


def cmd_study(args: argparse.Namespace) -> int:
    from .corpus import load
    from .study import study_of, write

    target = output_target(args.output, args.to, default=None, file_formats=STUDY_FILE_FORMATS, folder=True)
    study = study_of(load(args.doc, store=store_of(args)), Path(args.annotations) if args.annotations else None, lang=args.lang)
    out = target.path
    assert out is not None  # -o is required
    if not target.folder:  # one file: the handout or the Markdown, under the name given
        assert target.fmt is not None  # a file's format: --to, else its suffix
        with scratch_folder(out) as scratch:
            (made,) = write(study, scratch, (target.fmt,))
            move_into_place(made, out)
        print(f"wrote {display_path(args.output)}", file=sys.stderr)
        return EXIT_OK
    formats = (target.fmt,) if target.fmt else STUDY_FORMATS
    with staged_folder(out) as stage:
        written = write(study, stage, formats)
    print(f"wrote {files(len(written))} to {display_path(args.output)}: "
          f"{', '.join(p.name for p in written[:6])}{' …' if len(written) > 6 else ''}", file=sys.stderr)
    return EXIT_OK


def cmd_corpus(args: argparse.Namespace) -> int:
    if getattr(args, "corpus_command", None) == "import":
        return cmd_corpus_import(args)
    if args.store:
        if getattr(args, "as_of", None):
            raise UsageError("--as-of marks the versions of the bundled corpus; a store lists every text it holds",
                             hint="search a store by day with 'regtext search … --in-force DATE --store FILE'")
        return _list_store(args.store)
    from .corpus import default_corpus

    corpus = default_corpus()
    rows = []
    for entry in corpus:
        doc = corpus.load(entry.id)
        rows.append((entry.id + (" *" if entry.primary else ""), str(len(doc.articles())), entry.title))
    width = max(len(r[0]) for r in rows)
    lines = [f"{'id'.ljust(width)}  articles  title"]
    lines += [f"{i.ljust(width)}  {n.rjust(8)}  {t}" for i, n, t in rows]
    lines.append("(* the primary regulation)")
    lines += _versions(corpus, as_of(args))
    emit("\n".join(lines) + "\n", None)
    return EXIT_OK


def _list_store(path: str) -> int:
    from .store import open_store

    rows = open_store(path).ids()
    emit("".join(f"{doc_id}\t{level or ''}\t{title or ''}\n" for doc_id, title, level in rows), None)
    return EXIT_OK


def cmd_corpus_import(args: argparse.Namespace) -> int:
    from .store import default_store_path
    from .store.importer import import_corpus

    if args.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {args.jobs}")
    store = Path(args.store) if args.store else default_store_path()
    progress = _progress_bar if sys.stderr.isatty() else None
    summary = import_corpus(args.path, store, workers=args.jobs, progress=progress)
    if progress is not None:
        sys.stderr.write("\n")
    emit(summary.text(display_path), None)
    print(f"store: {display_path(str(store))}", file=sys.stderr)
    return EXIT_OK


def _progress_bar(done: int, total: int) -> None:
    """One line on a terminal, redrawn: [#####     ] 1234/3435."""
    width = 30
    filled = width * done // total if total else width
    sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total}")
    sys.stderr.flush()


def _versions(corpus: Corpus, day: datetime.date) -> list[str]:
    """The works with several versions: each version's interval in force, its adoption (which is
    not its commencement), and which one is in force on ``day``."""
    from .versions.works import adopted

    works = [w for w in corpus.works.values() if len(w.versions) > 1]
    if not works:
        return []
    lines = ["", f"versions (in force on {day.isoformat()}: <)", "work        version          in force                  adopted"]
    for work in works:
        for version in work.versions:
            when = adopted(corpus.load(version.id).meta.history)
            mark = " <" if version.in_force(day) else ""
            lines.append(f"{work.id:10}  {version.id:15}  {version.interval():24}  "
                         f"{when.isoformat() if when else '—'}{mark}")
    return lines


def _given_day(args: argparse.Namespace) -> datetime.date | None:
    return as_of(args) if getattr(args, "as_of", None) else None


def as_of(args: argparse.Namespace) -> datetime.date:
    """The day of ``--as-of`` (today when not given): a day that does not exist is refused."""
    from .versions.works import parse_day

    return parse_day(args.as_of) if getattr(args, "as_of", None) else datetime.date.today()


def cmd_refs(args: argparse.Namespace) -> int:
    if args.cited_by or args.report:
        return _refs_across(args)
    if not args.doc:
        raise UsageError("give a document (corpus id, stored id or file path), --cited-by ID or --report")
    target = output_target(args.output, args.to, default="text", file_formats=REPORT_FORMATS)
    store = store_of(args)
    stored = _stored_references(args.doc, store)
    if stored is not None:  # resolved across the store at import: read, not resolved again
        return _emit_stored(stored, args.unresolved, target)
    from .corpus import load

    doc = load(args.doc, _given_day(args), store=store)
    refs = [r for r in doc.references if not (args.unresolved and r.resolved)]
    if target.fmt == "json":
        import json

        from .export.json import reference_dict

        rows = [{"source": {"doc": doc.id, "eid": r.source.eid}, **reference_dict(doc, r)} for r in refs]
        emit(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", target.path)
        return EXIT_OK
    from .refs.report import reference_line

    where = display_path(doc.source)
    lines = [f"{where}:{reference_line(doc, ref)}" for ref in refs]
    lines.append(f"{len(refs)} reference{'s' if len(refs) != 1 else ''}"
                 + ("" if args.unresolved else f", {sum(1 for r in refs if not r.resolved)} unresolved"))
    emit("\n".join(lines) + "\n", target.path)
    return EXIT_OK


def _stored_references(ref: str, store: Path | None) -> list[Stored] | None:
    """The stored rows of a stored text's references, when the store resolved them across it."""
    if store is None or Path(ref).exists():
        return None
    from .corpus import default_corpus

    if ref in default_corpus():
        return None
    from .refs.national import has_references, stored_rows
    from .store import open_store

    db = open_store(str(store))
    doc_id = db.resolve_id(ref)
    if doc_id is None or not has_references(db.conn):
        return None
    return stored_rows(db.conn, doc_id)


def _emit_stored(rows: list[Stored], unresolved: bool, target: OutputTarget) -> int:
    from .refs.national import reference_lines

    if target.fmt == "json":
        import dataclasses
        import json

        out = [dataclasses.asdict(r) for r in rows if not (unresolved and r.resolved)]
        emit(json.dumps(out, ensure_ascii=False, indent=1) + "\n", target.path)
        return EXIT_OK
    lines = reference_lines(rows, unresolved, show=display_path)
    failed = len({r.reference for r in rows if not r.resolved})
    lines.append(f"{len(lines)} reference{'s' if len(lines) != 1 else ''}" + ("" if unresolved else f", {failed} unresolved"))
    emit("\n".join(lines) + "\n", target.path)
    return EXIT_OK


def _refs_across(args: argparse.Namespace) -> int:
    """--cited-by ID and --report: who cites a document or provision; the resolution report."""
    if args.doc:
        raise UsageError(f"give a document, or --cited-by / --report, not both ({args.doc})")
    if args.cited_by and args.report:
        raise UsageError("give --cited-by ID or --report, not both")
    if args.to == "json":
        raise UsageError("--cited-by and --report print text only", hint="leave out --to json")
    store = store_of(args)
    if args.report:
        if store is None:
            raise UsageError("--report reads a corpus store: give --store FILE (or set REGTEXT_STORE)",
                             hint="make one with 'regtext corpus import FOLDER --store FILE'")
        from .refs.national import store_report

        emit("\n".join(store_report(store).lines()) + "\n", Path(args.output) if args.output else None)
        return EXIT_OK
    from .refs.citedby import citing_lines

    lines, texts = citing_lines(args.cited_by, store, show=display_path)
    lines.append(f"{len(lines)} reference{'s' if len(lines) != 1 else ''} in {texts} text{'s' if texts != 1 else ''} "
                 f"cite{'s' if len(lines) == 1 else ''} {args.cited_by}")
    emit("\n".join(lines) + "\n", Path(args.output) if args.output else None)
    return EXIT_OK


def cmd_cite(args: argparse.Namespace) -> int:
    from . import cite
    from .corpus import default_corpus, load

    citation = cite.parse(args.citation)
    day, since = _given_day(args), _since(args)
    if since is not None and day is None:
        raise UsageError("--since needs --as-of: it says from which version a citation is followed to the one "
                         "in force on the --as-of day")
    home = load(args.doc, day, store=store_of(args)) if args.doc else default_corpus().load(default_corpus().primary.id)
    followed = None
    if day is not None:
        from .versions.follow import follow

        followed = follow(citation, day, since=since, home=home)
    if followed is not None:
        doc, nodes = followed.new_doc, followed.nodes
        if not nodes:
            print("\n".join(f"note: {n}" for n in followed.notes()), file=sys.stderr)
            raise NotFound(f"{followed.old_citation()} has no successor in {followed.target.id}",
                           hint="it was repealed: cite what replaces it, if anything")
    else:
        found = cite.lookup(home, citation, default_corpus(), follow=True)
        doc, nodes = found.document, found.nodes
    named = doc is not home  # read outside the document it cites: every style names it

    def written(nodes: list[Node], style: str) -> str:
        return cite.format_nodes(nodes, style, doc, named=named)

    formatted = written(nodes, args.style)
    if args.to == "json":
        import json

        data = {
            "citation": args.citation, "doc": doc.id, "style": args.style, "formatted": formatted,
            "provisions": [
                {"eid": n.eid, **{s: written([n], s) for s in STYLES if s != "eid"},
                 **({"text": n.full_text()} if args.quote else {})}
                for n in nodes
            ],
        }
        if followed is not None:
            data["as_of"] = day.isoformat() if day else None
            data["followed"] = _followed_dict(followed)
        emit(json.dumps(data, ensure_ascii=False, indent=1) + "\n", None)
        return EXIT_OK
    out = formatted + "\n"
    if args.quote:
        out += cite.quote(nodes) + "\n"
    emit(out, None)
    if followed is not None:
        sys.stderr.write("".join(f"note: {n}\n" for n in followed.notes()))
    return EXIT_OK


def _followed_dict(followed: Followed) -> dict[str, object]:
    from .versions.follow import OUTCOMES

    return {
        "from": followed.since.id, "to": followed.target.id, "written": followed.old_citation(),
        "steps": [{"old": s.old.eid, "new": [n.eid for n in s.new], "outcome": s.outcome,
                   "code": s.code, "said": OUTCOMES[s.outcome][1]} for s in followed.steps],
        "notes": followed.notes(),
    }


def _since(args: argparse.Namespace) -> datetime.date | None:
    from .versions.works import parse_day

    return parse_day(args.since, "--since") if getattr(args, "since", None) else None


def cmd_diff(args: argparse.Namespace) -> int:
    from .versions.compare import compare
    from .versions.formats import BINARY, SHOW_UNCHANGED, Options, write

    target = output_target(args.output, args.to, default="text", file_formats=tuple(DIFF_FORMATS))
    assert target.fmt is not None
    if target.fmt in BINARY and target.path is None:
        raise UsageError(f"--to {target.fmt} writes a binary file, not text for standard output",
                         hint=f"give -o OUT.{target.fmt}")
    if args.unchanged == "same" and target.fmt not in SHOW_UNCHANGED:
        raise UsageError(f"--unchanged same shows unchanged articles as 同左, which {FORMAT_NAMES[target.fmt]} output "
                         "has no place for", hint=f"use it with --to {', '.join(SHOW_UNCHANGED)}, or leave it out")
    alignment = compare(args.old, args.new, renamed=args.renamed, store=store_of(args))
    emit(write(alignment, target.fmt, Options(unchanged=args.unchanged)), target.path)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from .search import search
    from .search.dates import read_day

    store = store_of(args)
    day = read_day(args.in_force, "--in-force") if args.in_force is not None else None
    hits = search(store, args.query, doc=args.doc, level=args.level, in_force=day, limit=args.limit + 1)
    more = len(hits) > args.limit
    hits = hits[:args.limit]
    if args.to == "json":
        import json

        emit(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=1) + "\n", None)
        return EXIT_OK
    lines = [f"{display_path(h.path)}:{h.line}:{h.column}: {h.citation} {h.snippet}" for h in hits]
    count = f"{len(hits)} provision{'s' if len(hits) != 1 else ''}"
    lines.append(f"{count} (the first {args.limit}: --limit N for more)" if more else count)
    emit("\n".join(lines) + "\n", None)
    return EXIT_OK


def _limit(value: str) -> int:
    """--limit: a whole number of hits, 1 or more (argparse prints the message, exit 2)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} hits: give 1 or more") from None
    return number


def cmd_serve(args: argparse.Namespace) -> int:
    import importlib.util

    from .web import EXTRA

    packages = {"starlette": "starlette", "uvicorn": "uvicorn"}   # module: package
    missing = [package for module, package in packages.items() if importlib.util.find_spec(module) is None]
    if missing:
        raise UsageError(f"regtext serve needs {', '.join(missing)}", hint=EXTRA)
    from .web.server import is_loopback

    if not is_loopback(args.host) and not args.token:
        raise UsageError(f"--host {args.host} lets other machines connect: give --token T (every request must "
                         "then carry it), or bind 127.0.0.1", hint="case files hold personal data")
    if args.token is not None and len(args.token) < 16:
        raise UsageError("--token must have at least 16 characters", hint="e.g. python -c 'import secrets; "
                         "print(secrets.token_urlsafe())'")
    import logging

    import uvicorn

    from .web import app

    application = app(cases_dir=args.cases, token=args.token, profile=args.profile)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    shown = f"[{args.host}]" if ":" in args.host else args.host
    address = f"http://{shown}:{args.port}/" + (f"?token={args.token}" if args.token else "")
    print(f"regtext serve: {address} (drafts in {display_path(args.cases) if args.cases else 'none: --cases DIR'};"
          " Ctrl-C stops)", file=sys.stderr)
    gc.enable()   # a long-running server makes cycles (the CLI's runs end before they matter)
    # No access log: a request's query may hold a draft's name; the app logs method, path and status.
    uvicorn.run(application, host=args.host, port=args.port, access_log=False, log_level="warning",
                server_header=False)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="regtext", description="Chinese regulations: parse, cite, decide, render, check.")
    parser.add_argument("--version", action="version", version=f"regtext {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="parse a regulation into its article tree")
    p.add_argument("doc", metavar="DOC", help="corpus id or file path")
    p.add_argument("--to", choices=REPORT_FORMATS, help="outline (default) or JSON tree (default for OUT.json)")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print diagnostics on stderr")
    p.add_argument("--store", metavar="FILE", help=STORE_HELP)
    p.add_argument("--as-of", metavar="DATE", help=AS_OF_HELP)
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("refs", help="list the cross-references of a regulation, resolved")
    p.add_argument("doc", metavar="DOC", nargs="?", help="corpus id, stored id or file path")
    p.add_argument("--cited-by", metavar="ID", help="who cites a document (ID) or a provision (ID#art_56) "
                   "across the store (or the bundled corpus)")
    p.add_argument("--report", action="store_true",
                   help="the store's resolution rate: external references resolved, top unresolved titles")
    p.add_argument("--to", choices=REPORT_FORMATS, help="text (default) or JSON (default for OUT.json)")
    p.add_argument("--unresolved", action="store_true", help="only the references that could not be resolved")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    p.add_argument("--store", metavar="FILE", help=STORE_HELP)
    p.add_argument("--as-of", metavar="DATE", help=AS_OF_HELP)
    p.set_defaults(func=cmd_refs)

    p = sub.add_parser("cite", help="read a citation in any style and print it in another")
    p.add_argument("citation", metavar="CITATION", help="e.g. 第四条第（三）项, 'Article 6(4)', art_6__para_2")
    p.add_argument("--doc", metavar="DOC", help="corpus id or file path (default: the primary regulation)")
    p.add_argument("--style", choices=STYLES, default="zh")
    p.add_argument("--quote", action="store_true", help="also print the provision's text")
    p.add_argument("--to", choices=REPORT_FORMATS, default="text")
    p.add_argument("--store", metavar="FILE", help=STORE_HELP)
    p.add_argument("--as-of", metavar="DATE", help="YYYY-MM-DD: follow the citation into the version in force on DATE "
                   "(from the version that one replaced, or --since's), saying what became of it")
    p.add_argument("--since", metavar="DATE", help="YYYY-MM-DD: the citation was written against the version in "
                   "force on DATE (with --as-of)")
    p.set_defaults(func=cmd_cite)

    p = sub.add_parser("diff", help="compare two versions of a law: articles aligned across renumbering and moves")
    p.add_argument("old", metavar="OLD", help="the earlier version: corpus id, file path, or WORK@YYYY-MM-DD "
                   "(the version in force that day)")
    p.add_argument("new", metavar="NEW", help="the later version: as OLD")
    p.add_argument("--to", choices=tuple(DIFF_FORMATS),
                   help="text (default), JSON, the 新旧对照表 as HTML, Markdown or DOCX (needs -o), or the new "
                        "version's Akoma Ntoso with passiveModifications; default: OUT's suffix")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    p.add_argument("--unchanged", choices=DIFF_UNCHANGED, default="omit",
                   help="unchanged articles: left out with a count (omit, default) or shown as 同左 (same)")
    p.add_argument("--renamed", action="store_true", help="compare although the titles differ (a law renamed)")
    p.add_argument("--store", metavar="FILE", help=STORE_HELP)
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("export", help="export a regulation as Akoma Ntoso, HTML, Markdown or JSON")
    p.add_argument("doc", metavar="DOC", nargs="?", help="corpus id or file path")
    p.add_argument("--to", choices=tuple(EXPORT_FORMATS), required=True)
    p.add_argument("--all", action="store_true", help="export the whole corpus (HTML: with an index page)")
    p.add_argument("-o", "--output", metavar="OUT", help="file (or folder with --all); default stdout")
    p.add_argument("--store", metavar="FILE", help=STORE_HELP)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("decide", help="which provisions apply to a case, and what is wrong with it")
    p.add_argument("case", metavar="CASE.yaml")
    p.add_argument("--to", choices=REPORT_FORMATS, default="text")
    p.set_defaults(func=cmd_decide)

    p = sub.add_parser("render", help="render case facts into a decision document (DOCX, HTML, Markdown, PDF)")
    p.add_argument("cases", metavar="CASE.yaml", nargs="+", help="case files or folders of them")
    p.add_argument("-t", "--template", metavar="TEMPLATE", help="a template instead of the one for the document kind")
    p.add_argument("-o", "--output", metavar="OUT", help="OUT.docx|OUT.html|OUT.md|OUT.pdf, or a folder for several cases")
    p.add_argument("--to", choices=DOCUMENT_FORMATS,
                   help="format (default: OUT's suffix, else docx; pdf needs LibreOffice); must agree with OUT's suffix")
    p.add_argument("--issuer", metavar="FILE", help="issuer profile (版头, 印发机关, seal) instead of the case's "
                   "`profile` or issuer.yaml next to it")
    p.add_argument("--letterhead", metavar="FILE.docx", help="the organ's own red-head DOCX: its first-page "
                   "header heads page 1")
    p.add_argument("--no-head", action="store_true", help="no 版头, its room kept: for pre-printed 红头 paper")
    p.add_argument("--seal", metavar="FILE.png", help="draw this seal over the 落款 instead of the profile's "
                   "(DOCX; GB/T 9704 7.3.5.1)")
    p.add_argument("--seal-space", action="store_true",
                   help="lay the 落款 out for a seal pressed by hand (room above the 署名, date right 4 字)")
    p.add_argument("--double-sided", action="store_true",
                   help="page for printing on both sides: the 版记 on the last, even page; no number on a blank "
                        "page before it nor on its page (GB/T 9704 7.5); needs LibreOffice")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("check", help="lint the citations of templates, rulebooks, case files and texts")
    p.add_argument("paths", metavar="PATH", nargs="*", help="files or folders (default: templates/, corpus/ and "
                   "examples/ in the current folder)")
    p.add_argument("--format", choices=PROBLEM_FORMATS, default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail the check too")
    p.add_argument("-v", "--verbose", action="store_true", help="also show info findings")
    p.add_argument("--as-of", metavar="DATE", help="YYYY-MM-DD: also report every citation of a law whose provision "
                   "is renumbered, changed or repealed in the version in force on DATE (C601–C607)")
    p.add_argument("--since", metavar="DATE", help="YYYY-MM-DD: read the citations in the version in force on DATE "
                   "(default today; with --as-of)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("study", help="annotated study materials: HTML site, DOCX handout, Markdown")
    p.add_argument("doc", metavar="DOC", help="corpus id or file path")
    p.add_argument("--annotations", metavar="FILE", help="the trainer's notes (default: corpus/<id>.annotations.yaml "
                   "when there is one; without: the structure alone)")
    p.add_argument("--lang", choices=tuple(STUDY_LANGS), default="zh",
                   help="labels added to the text: zh numbers the 款, en adds English citations (default zh)")
    p.add_argument("--to", choices=STUDY_FORMATS, help="one format (default: all three, or OUT's suffix)")
    p.add_argument("-o", "--output", metavar="OUT", required=True,
                   help="the folder to write into, or OUT.docx / OUT.md for the handout or the Markdown alone")
    p.add_argument("--store", metavar="FILE", help=STORE_HELP)
    p.set_defaults(func=cmd_study)

    p = sub.add_parser("serve", help="the drafter's web app and HTTP API (pip install 'regtext[web]')")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; another needs --token)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--cases", metavar="DIR", help="the folder where drafts (case files) are saved and opened")
    p.add_argument("--profile", metavar="ISSUER.yaml",
                   help="the office's issuer profile (版头, 印发机关, seal; as render --issuer): every document "
                   "the app makes gets it, and a new draft starts with its issuer and cc")
    p.add_argument("--token", metavar="T", help="a secret every request must carry (required off loopback)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("search", help="the provisions holding every term of a query, across the corpus or a store")
    p.add_argument("query", metavar="QUERY", help='terms separated by spaces, all in one provision; "…" a phrase')
    p.add_argument("--store", metavar="FILE", help="the corpus store to search (default: REGTEXT_STORE, else "
                   "~/.local/share/regtext/store.sqlite3 when it exists, else the bundled corpus)")
    p.add_argument("--doc", metavar="ID", help="search this text only")
    p.add_argument("--level", metavar="LEVEL", help="texts of this level only: 法律, 行政法规, 司法解释, 部门规章, "
                   "地方性法规, … (as the collection names them)")
    p.add_argument("--in-force", metavar="YYYY-MM-DD", help="texts in force on this day only")
    p.add_argument("--limit", metavar="N", type=_limit, default=20, help="at most N provisions (default 20)")
    p.add_argument("--to", choices=REPORT_FORMATS, default="text")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("corpus", help="list the bundled regulations and the versions of each work (or a store's); "
                       "import texts into a store")
    p.add_argument("--store", metavar="FILE", help="list the documents of this store instead")
    p.add_argument("--as-of", metavar="DATE", help="mark the versions in force on DATE (YYYY-MM-DD; default today)")
    p.set_defaults(func=cmd_corpus)
    csub = p.add_subparsers(dest="corpus_command", metavar="import")
    imp = csub.add_parser("import", help="import a LawRefBook checkout or a folder of .txt/.md/AKN files into a store")
    imp.add_argument("path", metavar="PATH", help="the folder (or one file) to import")
    imp.add_argument("--store", metavar="FILE", default=argparse.SUPPRESS,
                     help="the store to write (default: REGTEXT_STORE, else ~/.local/share/regtext/store.sqlite3)")
    imp.add_argument("--jobs", type=int, default=2, help="worker processes that parse (default 2)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # A run builds one large tree of objects without reference cycles and then exits: the cyclic
    # garbage collector would only rescan it over and over (about a fifth of the parse time).
    gc.disable()
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Command = args.func
    try:
        return func(args)
    except RegtextError as exc:
        print(f"regtext: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("regtext: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (| head): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        target = f"{exc.filename}: " if exc.filename else ""
        print(f"regtext: error: {target}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:  # a bug of ours: still one line, and a distinct exit code
        print(f"regtext: internal error: {type(exc).__name__}: {exc} (please report this)", file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    gc.disable()  # before the parser's modules load (see main)
    code = main()
    # The tree is one large reference cycle (parents and children point at each other) and the
    # collector is off, so a normal exit ends with the interpreter collecting it: 30-50 ms on a
    # long text, for memory the OS takes back at once.  Flush what was written, then leave.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    except OSError as exc:
        print(f"regtext: error: {exc.strerror or exc}", file=sys.stderr)
        code = code or EXIT_UNUSABLE
    os._exit(code)


if __name__ == "__main__":
    run()
