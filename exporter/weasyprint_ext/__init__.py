"""Everything that reaches into WeasyPrint internals, behind one door, with one version pin.

Only modules in this package may import private `weasyprint.*` modules."""
