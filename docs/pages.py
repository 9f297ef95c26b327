"""The page pictures of the README: each shipped template's example case (the first example, by
name, that renders through it), with the example issuer profile's 版头 → DOCX → PDF by LibreOffice
(all in one process, regtext.publish.pdf) → one PNG a page by poppler's pdftoppm, in docs/pages/<example>-<page>.png.

    python docs/pages.py            # from the checkout; needs LibreOffice and poppler-utils
    python docs/pages.py --dpi 60

Pictures, not proofs: the positions are measured by the tests.  Look at them before committing.
The folder is replaced whole, so a page that no longer exists does not linger.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # this checkout's regtext, not an installed one

from regtext.publish.pdf import docx_to_pdf  # noqa: E402
from regtext.render import Rendered, render_case  # noqa: E402

OUT = ROOT / "docs" / "pages"
PROFILE = ROOT / "examples" / "profiles" / "某某县纪委监委.issuer.yaml"


def examples() -> dict[str, Rendered]:
    """One rendered example per template, by example name."""
    chosen: dict[str, tuple[str, Rendered]] = {}
    for case in sorted((ROOT / "examples").glob("*.yaml")):
        rendered = render_case(case, issuer=PROFILE)   # the whole 公文: with the organ's 版头
        chosen.setdefault(rendered.template.name, (case.stem, rendered))
    return dict(sorted(chosen.values(), key=lambda pair: pair[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dpi", type=int, default=70, help="pixels per inch (default 70: an A4 page is 579 × 819)")
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        sys.exit("docs/pages.py: pdftoppm not found (Debian package poppler-utils)")
    chosen = examples()
    pdfs = docx_to_pdf([rendered.to("docx") for rendered in chosen.values()])
    with tempfile.TemporaryDirectory(prefix="regtext-pages-") as tmp:
        stage = Path(tmp) / "pages"
        stage.mkdir()
        for name, pdf in zip(chosen, pdfs, strict=True):
            source = Path(tmp) / f"{name}.pdf"
            source.write_bytes(pdf)
            # pdftoppm names pages <prefix>-<n>.png, with n zero-padded to the page count's width
            subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), str(source), str(stage / name)],
                           check=True, timeout=120)
        shutil.rmtree(OUT, ignore_errors=True)
        shutil.copytree(stage, OUT)
    for png in sorted(OUT.glob("*.png")):
        print(f"{png.relative_to(ROOT)}  {png.stat().st_size // 1024} KiB  ({chosen_template(chosen, png)})")


def chosen_template(chosen: dict[str, Rendered], png: Path) -> str:
    return chosen[png.stem.rsplit("-", 1)[0]].template.name


if __name__ == "__main__":
    main()
