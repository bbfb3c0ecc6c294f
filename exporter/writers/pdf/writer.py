"""Print-ready PDF with WeasyPrint: the print template and theme CSS staged in one folder,
rendered with CJK justification, written atomically to OUTDIR/<stem>.pdf.

The stage folder holds exactly what WeasyPrint may read (print.html, the theme's files,
the edition's images); with --emit-print-html it is kept as OUTDIR/<stem>.print/ so
`weasyprint print.html out.pdf` reproduces the layout.
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import logging
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex
import weasyprint

from ... import segmenter
from ...atomic import atomic_dir, write_bytes
from ...errors import InputError, RenderError
from ...jumps import join_in_section, pair_jumps
from ...leftovers import owner_prefix
from ...limits import capped_jobs, cores
from ...fonts import INSTALL_HINT, FontFace, describe, faces_for, missing_after_fallback, missing_characters
from ...model import Article, slug_of
from ...readers import LoadedEdition
from ...templating import make_environment
from ...words import segmented
from ...themes import Theme
from ..css import theme_variables
from .fetcher import staged_layout
from ..html.writer import copy_images, copy_theme_chain, one_page_context
from .chunk_rule import predict
from .chunks import ChunkPart, chunk_weight, split, warm_up
from . import contents_fit
from ..autospace import autospace, compress_punctuation
from .fill import filled, is_filler
from .gc_policy import fewer_full_collections
from .grid import grid_css
from .page_css import PageSetup, page_setup, to_mm
from ...weasyprint_ext.patches import patched
from ...weasyprint_ext.stylesheets import REUSED_STYLESHEETS, reusing
from ...weasyprint_ext.subsets_side_by_side import SUBSETS_SIDE_BY_SIDE
from ...weasyprint_ext.font_files import LAZY_FONT_FILES
from ...weasyprint_ext.public import PDF_VARIANTS
from ...weasyprint_ext.pin import VERSIONS, supported

if TYPE_CHECKING:
    from .options import PdfOptions

LOG = logging.getLogger("exporter.pdf")
_TAG = regex.compile(r"<[^>]*>")


def check_variant(variant: str | None) -> str | None:
    if variant is None or variant.lower() in PDF_VARIANTS:
        return variant and variant.lower()
    raise InputError.option("pdf_variant", f"unknown PDF variant '{variant}' (available: {', '.join(PDF_VARIANTS)})")


def theme_faces_soon(theme: Theme) -> Future[list[FontFace]]:
    """The installed faces of the theme's font stacks, their code points read, looked up in a
    thread: fontconfig answers through subprocesses (fc-list, fc-match; about 0.1 s of waiting
    on the 8-page volume), a wait that then overlaps the print.html render instead of
    preceding the layout."""
    def look_up() -> list[FontFace]:
        faces = faces_for([f for stack in theme.fonts.values() for f in stack])
        missing_characters("", faces)  # reads (and caches) each face's code points
        return faces

    pool = ThreadPoolExecutor(1, thread_name_prefix="font-lookup")
    faces = pool.submit(look_up)
    pool.shutdown(wait=False)  # the thread ends with its one task
    return faces


def check_fonts(html: str, faces: list[FontFace]) -> None:
    """Fail before rendering when no installed font can show some text (no tofu in print):
    the theme's stacks (`faces`) first, then the faces fontconfig falls back to, as
    WeasyPrint does."""
    text = html_lib.unescape(_TAG.sub("", html.partition("<body")[2]))
    if missing := missing_after_fallback(text, faces):
        raise RenderError(f"no glyph for {describe(missing)} in the theme's fonts or any installed font; {INSTALL_HINT}")


def stage_theme(theme: Theme, setup: PageSetup, stage: Path) -> list[str]:
    """Copy the theme chain's files through the file gate (links out of a theme stay
    behind, so the fetcher finds nothing there) and write the generated CSS; return
    stylesheet hrefs."""
    hrefs = ["theme/variables.css", "theme/page.css"]
    copy_theme_chain(theme, stage)
    for t in reversed(theme.lineage()):
        s = t.config.stylesheets
        hrefs += [f"theme/{t.name}/{css}" for css in (*s.all, *s.pdf)]
    (stage / "theme" / "variables.css").write_text(theme_variables(theme), encoding="utf-8")
    (stage / "theme" / "page.css").write_text(setup.css() + grid_css(setup), encoding="utf-8")
    return hrefs


def _in_order(loaded: LoadedEdition) -> list[Article]:
    """The articles in the order the print document sets them (a volume's parts first)."""
    return [a for part in loaded.edition.parts() for a in part.articles]


def print_context(loaded: LoadedEdition, theme: Theme, stylesheets: list[str]) -> dict[str, Any]:
    """What print.html sees, for the whole document and for parallel layout's pieces. A
    jump line whose other part is in the document links to that part's anchor, and CSS
    prints its page (`target-counter()`, exporter/jumps.py pairs the parts)."""
    jumps = pair_jumps(_in_order(loaded))

    def jump_target(article: Any, way: str) -> str | None:
        other = jumps.other(article, way)
        return None if other is None else slug_of(other)

    return one_page_context(loaded, theme, "pdf", stylesheets, is_filler=is_filler, jump_target=jump_target)


def with_jumps_joined(loaded: LoadedEdition) -> LoadedEdition:
    """The edition as print sets it: a continuation in its first part's section joined to it."""
    edition = join_in_section(loaded.edition)
    return loaded if edition is loaded.edition else dataclasses.replace(loaded, edition=edition)


def print_renderer(template: Any) -> Callable[..., str]:
    """print.html rendered with a context, with Han–Latin spacing, no-break units and (theme
    option `punctuation = "clreq"`, CJK editions) punctuation compression: the one pass's
    markup and each chunk's (parallel.py), which share their text nodes' markup."""
    memo: dict[str, str] = {}
    return lambda **context: autospace(template.render(context), punctuation=compress_punctuation(context), memo=memo)


def print_html(loaded: LoadedEdition, theme: Theme, stylesheets: list[str]) -> str:
    """The print template rendered from the shared partials, with Han–Latin spacing."""
    loaded = with_jumps_joined(loaded)
    return print_renderer(make_environment(theme).get_template("print.html"))(
        **print_context(loaded, theme, stylesheets))


def _chunked(loaded: LoadedEdition, chunks: list[list[ChunkPart]], jobs: int, options: PdfOptions) -> bool:
    """Whether to lay the document out in chunks: never a document of one chunk (chunks are
    cut only at forced page breaks, so one edition with `breaks = "part"` is one pass) nor
    one whose resolved jump lines print another part's page (only one pass knows it); else
    by predicted cost (chunk_rule.py: never with one job), or, when
    `parallel_min_characters` is set, from that much text on (with several jobs or a cache)."""
    if len(chunks) <= 1 or pair_jumps(_in_order(loaded)):
        return False
    if options.parallel_min_characters is not None:
        size = sum(len(t) for art in loaded.edition.articles for t in art.texts)
        return size >= options.parallel_min_characters and (jobs > 1 or options.cache_dir is not None)
    return predict(list(map(chunk_weight, chunks)), jobs).chunks


def _headings(loaded: LoadedEdition) -> Iterator[str | None]:
    """The texts print.html cuts into words first: the publication's name and the articles' heads."""
    yield loaded.edition.title
    for article in loaded.edition.articles:
        yield from (article.kicker, article.headline, article.subheadline)


def _one_pass(html: str, stage: Path, variant: str | None) -> tuple[bytes, Any]:
    """The PDF laid out as one document (holes filled) and that document; the stage's
    print.html becomes the markup laid out."""
    with fewer_full_collections(), reusing(str(stage)) as shared, patched(), patched(REUSED_STYLESHEETS):
        document, laid_out, _ = filled(html, staged_layout(stage, variant, **shared.render_options()))
        with patched(SUBSETS_SIDE_BY_SIDE, LAZY_FONT_FILES):  # faces subset on both cores, files unread
            pdf = document.write_pdf(pdf_variant=variant, presentational_hints=False)
    (stage / "print.html").write_text(laid_out, encoding="utf-8")
    return pdf, document


@contextmanager
def _stage(options: PdfOptions, stem: str) -> Iterator[Path]:
    if options.emit_print_html:
        with atomic_dir(options.outdir / f"{stem}.print") as kept:
            yield kept
    else:
        if options.stage_dir is not None:
            options.stage_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=owner_prefix("pdf"), dir=options.stage_dir) as tmp:
            yield Path(tmp)


def render(loaded: LoadedEdition, theme: Theme, options: PdfOptions) -> Path:
    """Write OUTDIR/<stem>.pdf (and OUTDIR/<stem>.print/ with --emit-print-html).

    A document of several chunks is laid out in chunks, in parallel and through the chunk
    cache (parallel.py), when that is predicted to be faster (`_chunked`) and it is not a PDF
    variant (PDF/A, PDF/UA need one tagged, single-pass document); else in one pass.
    """
    variant = check_variant(options.pdf_variant)
    loaded = with_jumps_joined(loaded)
    if not supported():
        LOG.warning("WeasyPrint %s is not a version the layout extensions were checked on (%s): "
                    "CJK inter-character justification is off, the PDF has WeasyPrint's stock layout",
                    weasyprint.__version__, ", ".join(VERSIONS))
    setup = page_setup(theme, options.profile, options.page_size)
    target = options.outdir / f"{loaded.stem}.pdf"
    chunks = split(loaded.edition.parts(), setup.breaks)
    jobs = capped_jobs(options.jobs or cores())
    chunked = variant is None and _chunked(loaded, chunks, jobs, options)
    # rjieba's dictionary loads on the second core while print.html (a chunked build: the
    # heaviest chunk, the first document its workers lay out) is prepared (segmenter.py;
    # before the font lookup thread starts, and before a chunked build forks its workers,
    # which drop their copies of its pipes). It ends once print.html has cut every heading;
    # it is not started when every heading's words are known (a second build in one process).
    with segmenter.beside(segmented(_headings(loaded))):
        # checked against print.html once it is rendered; a chunked build looks them up once
        # its workers are forked (no thread may run across the fork), not before it
        faces: list[Future[list[FontFace]]] = [] if chunked else [theme_faces_soon(theme)]

        def look_up_faces() -> None:
            if not faces:
                faces.append(theme_faces_soon(theme))
        with _stage(options, loaded.stem) as stage, ExitStack() as in_chunks:
            stylesheets = stage_theme(theme, setup, stage)
            if chunked:
                # the chunked path's modules (worker pool, cache, assembly): not imported by a one pass
                from .cache import ChunkCache
                from .parallel import ChunkedLayout, render_chunked

                cache = ChunkCache(options.cache_dir, options.cache_max_bytes) if options.cache_dir is not None else None
                layout = in_chunks.enter_context(ChunkedLayout(stage, jobs, cache, options.show_progress,
                                                               after_fork=look_up_faces))
                # the workers fork and parse the stylesheets while the rest is staged and the
                # first chunk renders
                layout.warm(len(chunks), stylesheets)
            render_print = print_renderer(make_environment(theme, options.cache_dir).get_template("print.html"))
            context = print_context(loaded, theme, stylesheets)
            copy_images(loaded, stage)
            rendered: list[str] = []

            def whole() -> str:
                """print.html, checked for glyphs the fonts lack and staged (rendered once)."""
                if not rendered:
                    html = render_print(**context)
                    segmenter.stop()  # every heading is cut (later renders find them in words' cache)
                    look_up_faces()
                    check_fonts(html, faces[0].result())
                    (stage / "print.html").write_text(html, encoding="utf-8")
                    rendered.append(html)
                return rendered[0]

            if chunked:
                # A volume's contents is fitted by a worker while the others lay out the
                # chunks (which hold no contents); its rule is in page.css before the furniture.
                # It is handed out with print.html's front (front_render) before the heaviest
                # chunk renders (a rebuild's: after its changed chunk), or found in the cache
                # (keyed by the front alone); print.html is rendered while the workers lay out.
                fitting: list[Callable[[], contents_fit.Fitted]] = []

                def fit() -> None:
                    if context["is_volume"]:
                        front = contents_fit.front_render(render_print, context)
                        fitting.append(layout.fit_contents(len(chunks) + 1, front, whole))

                def fitted() -> int | None:
                    """The fitted rule into page.css; the pages the front takes with it."""
                    if not fitting:
                        return None
                    answer = fitting[0]()
                    contents_fit.add_rule(stage, answer.rule)
                    return answer.front_pages

                # The whole print.html is rendered while the workers lay the chunks out.
                pdf = render_chunked(render_print, context, chunks, layout, setup.mirror_shift_pt, meanwhile=whole,
                                     before_furniture=fitted, after_first=fit)
                in_chunks.close()  # the pool ends (and its cache writes are waited for)
                if options.on_layout is not None:
                    for layout_pass in layout.passes:
                        options.on_layout(layout_pass)
            else:
                if segmenter.serving():
                    # while rjieba loads beside, the stylesheets are parsed and their faces
                    # loaded for the pass (stylesheets.reusing), not after print.html
                    warm_up(str(stage), stylesheets)
                if context["is_volume"]:  # the pass sees the fitted rule in page.css
                    pdf = contents_fit.fitted_pass(whole(), stage, variant, jobs, lambda: _one_pass(whole(), stage, variant))
                else:
                    pdf, _ = _one_pass(whole(), stage, variant)
    if setup.bleed is not None:
        from .boxes import with_bleed_box  # pypdf: imported only for a bleed

        pdf = with_bleed_box(pdf, to_mm(setup.bleed))
    write_bytes(target, pdf)
    return target
