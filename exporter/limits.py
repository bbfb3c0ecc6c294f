"""Resource limits: how large, deep or slow an input may be before the build refuses it.

Edition files, themes and remote images are not trusted (docs/security.md), and a small
file can ask for hours of work or gigabytes of memory (an alias bomb, an `@import` loop,
`var()` doubling, a 360-frame 4000×4000 GIF). Every such bound lives here, in one place,
so it is documented once and checked the same way by every reader and writer; going past
one is bad input (exit 2, one line naming the file), never a hang or a crash.

A user with a real need (a year's archive of 30,000 articles, a theme with large inline
fonts, a slow network) raises a limit with an environment variable named after the field:
`EXPORTER_LIMIT_ARTICLES=50000`, `EXPORTER_LIMIT_REMOTE_SECONDS=60`.

File-size caps of the file gate and the template sandbox's bounds are plain constants below.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


ENV_PREFIX = "EXPORTER_LIMIT_"


# --- runaway inputs, remote downloads and workers (security round two, part b) ---
@dataclass(frozen=True)
class Limits:
    """The limits of one run; `current()` reads the environment overrides."""

    # Theme CSS of one output format, every file and @import together. Layout time and
    # memory grow with it (50 MB: 90 s and 3 GB); real themes are a few hundred kB.
    stylesheet_bytes: int = 4 * 2**20
    # Brackets ({ ( [) open at once in a stylesheet; tinycss2 and WeasyPrint recurse on them.
    css_nesting: int = 64
    # Compound selectors in one selector (`a b c > d` is 4); the matcher recurses on them.
    selector_parts: int = 64
    # Stylesheets reached through @import (a cycle is refused at any length).
    css_imports: int = 32
    # Characters a custom property (theme.toml [options] or `--x:` in CSS) expands to
    # through var(); doubling `var(--a) var(--a)` 30 times would be a gigabyte.
    custom_property_chars: int = 100_000
    # Arrays and objects open at once in JSON, TOML or YAML front matter (the model needs 6).
    input_nesting: int = 64
    # Digits of an integer in JSON, TOML or YAML (Python refuses to convert over 4,300).
    integer_digits: int = 100
    # Width × height × frames of one image: the EPUB writer decodes every frame.
    image_frame_pixels: int = 400_000_000
    # Articles in one build (100,000 to EPUB took 2.24 GB).
    articles: int = 20_000
    # Lines of text on one page given to `ingest` (a broadsheet page has about 1,500).
    page_lines: int = 50_000
    # Pixels of one picture `ingest` renders from a page PDF (a 1-pixel-high image stretched
    # over a 3,000 pt page would otherwise render at 10,000 × 10,000, 674 MB).
    picture_pixels: int = 40_000_000
    # Image placements on one PDF page `ingest` looks at (a page has tens; tiles a few hundred);
    # those past it are left out with a warning (contrived tiles cost up to (N/2)² comparisons to join).
    page_pictures: int = 2_000
    # Page width and height (--page-size, theme.toml [page] size), in millimetres.
    page_min_mm: float = 50.0
    page_max_mm: float = 1200.0
    # --allow-remote: bytes, and wall-clock seconds per image and for all images of a build.
    remote_bytes: int = 32 * 2**20
    remote_seconds: float = 20.0
    remote_build_seconds: float = 60.0

    @classmethod
    def current(cls, environ: dict[str, str] | None = None) -> Limits:
        """The defaults with `EXPORTER_LIMIT_<FIELD>` overrides from the environment."""
        env = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None:
                continue
            kind = int if f.type == "int" else float
            try:
                value = kind(raw.replace("_", ""))
            except ValueError:
                value = -1
            if value <= 0:
                from .errors import InputError  # errors.py reads MAX_ECHO_CHARS from here

                raise InputError.single(ENV_PREFIX + f.name.upper(), f"must be a positive {kind.__name__}, not '{raw}'")
            values[f.name] = value
        return cls(**values)


def cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than
    the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def capped_jobs(jobs: int) -> int:
    """Worker processes beyond the cores only add memory (each PDF worker holds a layout
    of 150–300 MB) and never time."""
    return max(1, min(jobs, cores()))


def check_articles(count: int, file: object) -> None:
    """Refuse more articles than one build may hold; readers call it before validating
    anything (validating 100,000 articles alone took half a minute), builds again for a
    compilation's merged volume."""
    limit = Limits.current().articles
    if count > limit:
        from .errors import InputError  # errors.py reads MAX_ECHO_CHARS from here

        raise InputError.single(str(file), f"{count:,} articles in one build (at most {limit:,}; split the edition, "
                                           "or raise EXPORTER_LIMIT_ARTICLES)", "articles")


# --- File access gate (exporter/safe_files.py): sizes of the files a build reads. ---
MiB = 1024 * 1024
MAX_SOURCE_BYTES = 256 * MiB  # one edition JSON or Markdown article (a year of a daily is ~40 MB)
MAX_CONFIG_BYTES = 1 * MiB  # theme.toml, edition.toml, a compilation file
MAX_TEMPLATE_BYTES = 1 * MiB  # one theme template
MAX_THEME_FILE_BYTES = 64 * MiB  # one stylesheet, font or picture of a theme (a CJK OTF is ~20 MB)
MAX_THEME_BYTES = 256 * MiB  # everything a theme chain copies into one output
MAX_IMAGE_BYTES = 64 * MiB  # one image named by an edition

# --- Template sandbox (exporter/templating.py): what one template render may make. ---
MAX_TEMPLATE_STRING = 10_000_000  # characters (or items) of one value a template computes
MAX_TEMPLATE_LOOP_STEPS = 5_000_000  # steps all `for` loops of one template render may take together
MAX_TEMPLATE_EXPONENT = 1_000  # `a ** b` with |b| above this is refused
MAX_ECHO_CHARS = 200  # characters of the user's text quoted back in one message
