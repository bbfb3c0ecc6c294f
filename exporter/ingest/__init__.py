"""Ingest raw newspaper page text (as PDF extractors emit it) into an edition.

Repairs extraction damage line by line, lays each page out into paragraphs and display
blocks, segments it into articles and builds model objects. Imports only the model,
the text helpers and the error types from the rest of the package.
"""

from .api import IngestResult, ingest, ingest_texts, page_articles

__all__ = ["IngestResult", "ingest", "ingest_texts", "page_articles"]
