"""Build a bundle's paper.tex as a user would, and say what a journal's editor would complain about.

    xelatex paper && bibtex paper && xelatex paper && xelatex paper

from Debian's TeX Live (`make tex` installs it). `problems()` lists every BibTeX error or
warning, every undefined citation or reference, every overfull box wider than 5pt and any
LaTeX error; `first_page_png()` renders page 1 with pdftoppm (the README's example page,
docs/paper-page1.png, made by `make readme-paper`, part of `make regen`):

    PYTHONPATH=tools python -m dyadgraph_dev.latexbuild BUNDLE_DIR [PAGE.png]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

TOOLS = ("xelatex", "bibtex", "pdftoppm")
OVERFULL_LIMIT = 5.0  # pt
OVERFULL = re.compile(r"^Overfull \\[hv]box \(([0-9.]+)pt too (?:wide|high)\)(.*)$", re.MULTILINE)
UNDEFINED = re.compile(r"^(?:LaTeX|Package natbib) Warning: (?:Citation|Reference) .* undefined.*$", re.MULTILINE)
TEX_ERROR = re.compile(r"^! .*$", re.MULTILINE)
BIBTEX_COMPLAINT = re.compile(r"^(?:Warning--.*|.*---line \d+ of file .*|I couldn't open .*|.*error message.*)$", re.M)
# Pages are dated by SOURCE_DATE_EPOCH, so the same sources give the same PDF (and page image).
ENVIRONMENT = {"SOURCE_DATE_EPOCH": "0", "FORCE_SOURCE_DATE": "1", "max_print_line": "10000"}


@dataclass
class Build:
    directory: Path
    name: str
    bibtex_output: str = ""
    log: str = ""
    exit_codes: dict[str, int] = field(default_factory=dict)

    @property
    def pdf(self) -> Path:
        return self.directory / f"{self.name}.pdf"

    def problems(self) -> list[str]:
        """What is wrong with the build, one line each; empty when the paper is clean."""
        found = [f"{step} exited with {code}" for step, code in self.exit_codes.items() if code != 0]
        found += [f"BibTeX: {line.strip()}" for line in BIBTEX_COMPLAINT.findall(self.bibtex_output)]
        found += [f"LaTeX: {line.strip()}" for line in UNDEFINED.findall(self.log)]
        found += [f"LaTeX error: {line.strip()}" for line in TEX_ERROR.findall(self.log)]
        for width, where in OVERFULL.findall(self.log):
            if float(width) > OVERFULL_LIMIT:
                found.append(f"LaTeX: overfull box {width}pt{where}")
        if not self.pdf.exists():
            found.append(f"no {self.pdf.name} was made")
        return found


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def compile_paper(directory: Path, name: str = "paper") -> Build:
    """xelatex, bibtex, xelatex, xelatex in `directory`, as the paper's comment says."""
    build = Build(directory, name)
    environment = {**os.environ, **ENVIRONMENT}

    def run(step: str, command: list[str]) -> str:
        done = subprocess.run(command, cwd=directory, env=environment, capture_output=True, text=True, errors="replace")
        build.exit_codes[f"{step}"] = done.returncode
        return done.stdout + done.stderr

    latex = ["xelatex", "-interaction=nonstopmode", "-halt-on-error", name]
    run("xelatex (1st)", latex)
    build.bibtex_output = run("bibtex", ["bibtex", name])
    run("xelatex (2nd)", latex)
    run("xelatex (3rd)", latex)
    build.log = (directory / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    return build


def first_page_png(pdf: Path, png: Path, dpi: int = 100) -> Path:
    """Page 1 of the PDF as a PNG (pdftoppm)."""
    png.parent.mkdir(parents=True, exist_ok=True)
    stem = png.with_suffix("")
    command = ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)]
    subprocess.run(command, check=True, capture_output=True)
    return png


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    if missing_tools():
        print(f"missing: {', '.join(missing_tools())} (make tex installs TeX Live and poppler-utils)", file=sys.stderr)
        return 1
    build = compile_paper(Path(argv[0]))
    for problem in build.problems():
        print(problem, file=sys.stderr)
    if len(argv) == 2 and build.pdf.exists():
        first_page_png(build.pdf, Path(argv[1]))
    return 1 if build.problems() else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
