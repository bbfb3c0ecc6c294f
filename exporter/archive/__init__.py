"""`exporter archive ARCHIVE.toml`: many editions, found by the dates in their paths, made
into per-day outputs and per-week and per-month volumes, locally or on a Dask cluster,
resuming where an earlier run stopped (docs/archive.md)."""

from .config import ArchiveConfig, read_archive
from .job import Outcome, run_job
from .plan import Job, find_editions, plan
from .run import Manifest, run_archive

__all__ = ["ArchiveConfig", "Job", "Manifest", "Outcome", "find_editions", "plan", "read_archive", "run_archive", "run_job"]
