"""Build a Volume from a compilation file: find the editions, filter, merge jumps, drop
duplicates, make ids and image names unique, and group into parts by day or by section."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..assets import AssetMap, AssetPolicy, check_image, safe_file_name
from ..errors import InputError, Problem
from ..labels import jump_elsewhere, long_date
from ..safe_files import glob as safe_glob
from ..model import Article, Figure, Part, Section, Volume, slug_of
from ..readers import LoadedEdition, load
from .config import CompilationConfig, read_config
from .merge import Dated, drop_duplicates, merge_continuations


@dataclass(frozen=True)
class CompiledVolume:
    """The volume as a LoadedEdition (what renderers take), its config and what was done."""

    loaded: LoadedEdition
    config: CompilationConfig
    report: list[str]


def find_sources(config: CompilationConfig, base: Path, file: str) -> list[Path]:
    """Every edition JSON file or edition folder the `editions` patterns match, once each."""
    found: dict[Path, None] = {}
    problems = []
    for i, pattern in enumerate(config.editions):
        # Through the gate: a pattern that walks through a symbolic link out of the
        # compilation's folder finds nothing there.
        matches = [p for p in safe_glob(base, pattern, base) if p.is_dir() and (p / "edition.toml").is_file()
                   or p.is_file() and p.suffix.lower() == ".json"]
        if not matches:
            problems.append(Problem(file, f"editions[{i}]", f"'{pattern}' matches no edition JSON file or edition folder"))
        found.update(dict.fromkeys(m.resolve() for m in matches))
    if problems:
        raise InputError(problems)
    return list(found)


def compile_volume(path: str | Path, policy: AssetPolicy = AssetPolicy(),
                   config: CompilationConfig | None = None) -> CompiledVolume:
    """The volume a compilation file describes; with `config`, the volume it describes,
    named and based as if `path` held it (how an archive makes its weekly volumes)."""
    path = Path(path)
    config = config or read_config(path)
    base = path.parent.resolve()
    problems: list[Problem] = []
    editions: list[LoadedEdition] = []
    for source in find_sources(config, base, str(path)):
        try:
            editions.append(load(source, policy))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    editions.sort(key=lambda e: (e.edition.date, e.edition.edition or "", str(e.source)))
    editions = [e for e in editions if _in_range(e.edition.date, config)]
    if not editions:
        raise InputError.single(path, "no edition falls inside the date range", "dates")

    report = [w for e in editions for w in e.warnings]
    items = [Dated(a, _edition_key(e)) for e in editions for a in e.edition.articles if _selected(a, config)]
    items, merged, notes = merge_continuations(items)
    report += notes
    items, notes = drop_duplicates(items)
    report += notes

    assets = AssetMap()
    by_key = {_edition_key(e): e for e in editions}
    articles_by_edition: dict[str, list[Article]] = {}
    used_ids: set[str] = set()
    for item in items:
        edition = by_key[item.edition_key]
        art = _jump_named(_relocated(item, edition, assets, used_ids), edition.edition.date,
                          config.language or editions[0].edition.language)
        articles_by_edition.setdefault(item.edition_key, []).append(art)

    cover = _cover(config, base, policy, assets, str(path))
    first = editions[0].edition
    parts = (_parts_by_day if config.by == "day" else _parts_by_section)(editions, articles_by_edition)
    volume = Volume(
        title=config.title,
        date=first.date,
        date_end=editions[-1].edition.date,
        edition_count=len(editions),
        cover_headlines=config.cover.headlines,
        language=config.language or first.language,
        publisher=config.publisher or first.publisher,
        description=config.description,
        cover=cover,
        edition=config.subtitle or _date_range(editions, config.language or first.language),
        articles=[a for p in parts for a in p.articles],
    )
    volume._parts = parts
    loaded = LoadedEdition(volume, path, base, assets, report, merged)
    return CompiledVolume(loaded, config, [*merged, *report])


def _jump_named(art: Article, date: dt.date, language: str) -> Article:
    """An article whose jump's other part is not in the volume (merge_continuations joined
    every pair it found) names that part's edition in its jump line: （上接11月17日1版，本书未收录）.
    A bare 1版 in a book would send the reader to its page 1."""
    if not (art.continued_from or art.continued_to):
        return art
    return art.model_copy(update={way: jump_elsewhere(ref, date, language)
                                  for way, ref in (("continued_from", art.continued_from), ("continued_to", art.continued_to)) if ref})


def _edition_key(e: LoadedEdition) -> str:
    return f"{e.edition.date.isoformat()}{' ' + e.edition.edition if e.edition.edition else ''}"


def _in_range(date: dt.date, config: CompilationConfig) -> bool:
    start, end = config.dates.start, config.dates.end
    return (start is None or date >= start) and (end is None or date <= end)


def _selected(art: Article, config: CompilationConfig) -> bool:
    inc, exc = config.include, config.exclude
    if inc.sections and art.section not in inc.sections:
        return False
    if inc.kinds and art.kind not in inc.kinds:
        return False
    return art.section not in exc.sections and art.kind not in exc.kinds


def _relocated(item: Dated, edition: LoadedEdition, assets: AssetMap, used_ids: set[str]) -> Article:
    """Give the article a volume-wide id (dated) and its figures volume-wide image keys."""
    art = item.article
    day = edition.edition.date.strftime("%Y%m%d")
    new_id, n = f"d{day}-{slug_of(art)}", 2
    while new_id in used_ids:
        new_id, n = f"d{day}-{slug_of(art)}-{n}", n + 1
    used_ids.add(new_id)
    blocks = []
    for block in art.blocks:
        if isinstance(block, Figure) and block.src:
            key = f"{day}/{safe_file_name(edition.stem)}/{block.src}"
            if (asset := edition.assets.get(block.src)) is not None and key not in assets.by_src:
                name = asset.name.replace("images/", f"images/d{day}-{safe_file_name(edition.stem)}-", 1)
                assets.by_src[key] = dataclasses.replace(asset, name=name)
            elif (reason := edition.assets.missing_reason(block.src)) is not None:
                assets.missing[key] = reason
            block = block.model_copy(update={"src": key})
        blocks.append(block)
    return art.model_copy(update={"id": new_id, "blocks": blocks})


def _cover(config: CompilationConfig, base: Path, policy: AssetPolicy, assets: AssetMap, file: str) -> str | None:
    if not config.cover.image:
        return None
    asset, reason, _ = check_image(config.cover.image, base, policy, len(assets.by_src) + 1)
    if asset is None:
        raise InputError.single(file, str(reason), "cover.image")
    assets.by_src[config.cover.image] = asset
    return config.cover.image


def _date_range(editions: list[LoadedEdition], language: str) -> str:
    first, last = editions[0].edition.date, editions[-1].edition.date
    if first == last:
        return long_date(first, language)
    return f"{long_date(first, language)} – {long_date(last, language)}"


def _day_title(e: LoadedEdition, language: str) -> str:
    date = long_date(e.edition.date, language)
    return f"{date} · {e.edition.edition}" if e.edition.edition else date


def _parts_by_day(editions: list[LoadedEdition], articles: dict[str, list[Article]]) -> list[Part]:
    """A part per edition holding that day's sections in the edition's own order."""
    parts = []
    for e in editions:
        arts = articles.get(_edition_key(e), [])
        if not arts:
            continue
        n = len(parts) + 1
        day = e.edition.model_copy(update={"articles": arts})
        sections = [dataclasses.replace(s, slug=f"p{n}-{s.slug}") for s in day.sections_in_order()]
        parts.append(Part(_day_title(e, e.edition.language), f"p{n}", sections))
    return parts


def _parts_by_section(editions: list[LoadedEdition], articles: dict[str, list[Article]]) -> list[Part]:
    """A part per section holding that section's articles from every day, under the day."""
    order: list[str | None] = []
    for e in editions:
        for name in [*(e.edition.sections or []), *(a.section for a in articles.get(_edition_key(e), []))]:
            if name not in order:
                order.append(name)
    parts = []
    for name in order:
        days = []
        for e in editions:
            arts = [a for a in articles.get(_edition_key(e), []) if a.section == name]
            if arts:
                days.append(Section(_day_title(e, e.edition.language), f"p{len(parts) + 1}-s{len(days) + 1}", arts))
        if days:
            parts.append(Part(name, f"p{len(parts) + 1}", days))
    return parts
