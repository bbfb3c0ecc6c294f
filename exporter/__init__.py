"""newsprint-exporter: newspaper articles to themed HTML, EPUB 3 and print-ready PDF."""

__version__ = "0.1.0"
