"""Parse a bluebell-akn text file to Akoma Ntoso XML (the peer's side of the benchmark).

Runs inside bench/.venv-bluebell (Python >= 3.12, bluebell-akn + bluebell-akn-rs). The
`bluebell` console script cannot write to a file and re-serialises through lxml, so this
driver calls the library entry point directly:

    python bench/bluebell_parse.py IN.bluebell.txt -o OUT.xml [--engine rs|py]

bluebell picks its engine inside ``bluebell.parse_to_xml_bytes``: it tries
``from _bluebell_rs import parse_to_xml`` and falls back to the pure-Python PEG parser on
ImportError. ``--engine rs`` (default) fails unless the Rust module was really used;
``--engine py`` blocks the import to time the pure-Python parser.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="bluebell-akn text -> AKN XML")
    p.add_argument("input")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--engine", choices=("rs", "py"), default="rs")
    p.add_argument("--root", default="act", help="grammar root (default act)")
    p.add_argument("--frbr-uri", default="/akn/cn/act/2023/syn")
    args = p.parse_args(argv)

    if args.engine == "py":
        sys.modules["_bluebell_rs"] = None  # type: ignore[assignment]  # makes the import fail
    import bluebell  # type: ignore[import-not-found, unused-ignore]  # installed in bench/.venv-bluebell

    with open(args.input, encoding="utf-8") as f:
        text = f.read()
    xml = bluebell.parse_to_xml_bytes(text, args.root, args.frbr_uri)
    with open(args.output, "wb") as f:
        f.write(xml)

    used_rs = sys.modules.get("_bluebell_rs") is not None
    if (args.engine == "rs") != used_rs:
        print(f"bluebell_parse: wanted engine {args.engine}, but the Rust extension was "
              f"{'used' if used_rs else 'not used'}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
