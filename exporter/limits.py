"""Resource limits: documented settings that bound what one build may read or make.

Each limit turns a runaway input into a one-line error (exit 2) instead of a build that
eats the machine. docs/security.md lists them with the reasons for their values.
"""

from __future__ import annotations

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
