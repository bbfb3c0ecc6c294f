"""The EPUB writer."""
