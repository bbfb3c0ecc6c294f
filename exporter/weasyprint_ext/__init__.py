"""Everything that reaches into WeasyPrint internals, behind one door, with one version pin.

`patched()` (patches.py) applies the extensions: cjk_justify.py, column_reuse.py (with
column_balance.py), page_totals.py and font_subsets.py; page_info.py reads a laid-out page; pin.py is the
table of checked versions and source hashes. Only modules in this package may import private
`weasyprint.*` modules (a test enforces it).
"""
