# Two commands on a fresh Debian/Ubuntu machine:
#   make demo   set everything up (venv, package, CJK fonts, HarfBuzz subsetter) and build the example
#   make test   set everything up and run the whole test suite
#   make test-fast   the quick lane: every test but those marked slow (PDF layouts, EPUBCheck runs)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out

# Debian packages the toolkit needs at run time or in its tests:
#   fonts-noto-cjk       Noto Serif/Sans CJK, the default CJK fonts of every theme
#   libharfbuzz-subset0  fast font subsetting in WeasyPrint (the fallback is ~20x slower)
#   poppler-utils        pdftotext/pdffonts/pdftoppm, used by tests and for looking at pages
#   default-jre-headless Java, for EPUBCheck (only when no java is on PATH)
#   chromium             the browser DAISY Ace checks EPUBs in (tests), and for screenshots
# calibre (ebook-convert, for Kindle AZW3) is optional and never installed here.
SYSTEM_PACKAGES := fonts-noto-cjk fonts-noto-core libharfbuzz-subset0 poppler-utils chromium

# DAISY Ace, the EPUB accessibility checker, from npm into a project-local folder; it runs
# in the system Chromium (tools/install-ace.sh; tests/epub/test_ace.py finds it here).
ACE_VERSION := 1.4.6
ACE_DIR     := .tools/ace
ACE         := $(ACE_DIR)/node_modules/.bin/ace-cli

.PHONY: demo test test-fast setup system venv clean bench lint ace

demo: setup
	$(BIN)/exporter build examples/qingchuan-daily examples/harbour-gazette.json examples/weekly.toml \
		--to html,epub,pdf -o $(OUT)
	@echo "Demo written to $(OUT)/: qingchuan-daily, harbour-gazette and weekly (.epub, .pdf, /index.html)"

test: setup lint ace
	$(BIN)/python -m pytest -n auto --dist loadgroup -q

test-fast: setup lint
	$(BIN)/python -m pytest -n auto -q -m "not slow"

setup: system venv

system:
	@bash tools/install-system-packages.sh $(SYSTEM_PACKAGES)

venv: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,dask]'
	touch $@

ace: $(ACE)

$(ACE): tools/install-ace.sh
	@bash tools/install-ace.sh $(ACE_DIR) $(ACE_VERSION)

# BENCH_ARGS=--quick: one run of the 1-week volume; results in benchmarks/results.json
lint: venv
	$(BIN)/python -m ruff check exporter benchmarks tests

bench: setup
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(OUT) dist build .pytest_cache .hypothesis .tools
