# FAQ Kiosk — developer entry points. `make run` and `make test` set up everything
# they need (Debian/Ubuntu system packages, a virtualenv, the package) first.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# System packages: Qt's xcb platform libraries, fonts, espeak-ng (speech), Xvfb (tests),
# gettext's msgfmt and poppler's pdftoppm (independent checks of the PO and PDF files
# `faq-kiosk content` writes), dbus-daemon and dbus-bin's dbus-monitor (a private bus for the
# screen-reader detection and AT-SPI event tests), PulseAudio and parec (a private sound
# server whose output the keypad-voice test and benchmark record: tests/sound_output.py).
APT_PACKAGES := espeak-ng libespeak-ng1 fonts-noto-core xvfb xauth libpulse0 \
	libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 \
	libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 \
	gettext poppler-utils dbus-daemon dbus-bin pulseaudio pulseaudio-utils
# What `make screen-reader-test` adds: Orca and what it needs to speak under Xvfb.
SCREEN_READER_PACKAGES := orca at-spi2-core speech-dispatcher \
	speech-dispatcher-espeak-ng speech-dispatcher-audio-plugins libasound2 xdotool \
	util-linux

.PHONY: run test lint typecheck pytest system-deps venv catalogs pot new-language screenshots accessibility-report bench soak clean \
	deb deb-test ansible-test windows-check ci screen-reader-test

run: venv
	$(BIN)/faq-kiosk --windowed $(ARGS)

test: venv lint typecheck pytest

lint: venv
	$(BIN)/ruff check kiosk tests packaging benchmarks
	$(BIN)/ruff format --check kiosk tests packaging benchmarks
	$(BIN)/lint-imports --no-cache

typecheck: venv
	$(BIN)/mypy

pytest: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow and not screen_reader" $(PYTEST_ARGS)

# Orca reading the kiosk under Xvfb, keys from xdotool (tests/screen_reader); not part of
# `make test` (CI runs it after: .ci/run). About 50 s per language, Orca's start included.
screen-reader-test: venv
	@bash packaging/dev/system-deps.sh $(SCREEN_READER_PACKAGES)
	$(BIN)/python -m pytest -m screen_reader tests/screen_reader $(PYTEST_ARGS)

system-deps:
	@bash packaging/dev/system-deps.sh $(APT_PACKAGES)

venv: system-deps $(STAMP) catalogs

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "FAQ Kiosk needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Compile the .po catalogs to .mo (wheel builds do this themselves: packaging/hatch_build.py).
catalogs: system-deps $(STAMP)
	$(BIN)/pybabel compile -D kiosk -d i18n --statistics

# Re-extract interface strings into i18n/kiosk.pot and merge them into the catalogs.
pot: venv
	$(BIN)/pybabel extract --no-location --sort-by-file -k N_ -k gettext_in:2 \
		--project="FAQ Kiosk" -c TRANSLATORS: -o i18n/kiosk.pot kiosk
	$(BIN)/pybabel update --no-fuzzy-matching -D kiosk -i i18n/kiosk.pot -d i18n

# Start the interface catalog of a new language (docs/architecture.md, Adding a language):
# `make new-language LANG=so` writes i18n/so/LC_MESSAGES/kiosk.po from i18n/kiosk.pot
# (gettext's folders use "_": LANG=es-419 makes i18n/es_419/). LANG here is the language
# to add; the recipe runs in the C.UTF-8 locale.
I18N ?= i18n
NEW_PO = $(I18N)/$(subst -,_,$(LANG))/LC_MESSAGES/kiosk.po
new-language: $(STAMP)
	@echo '$(LANG)' | grep -Eqx '[a-z]{2,3}(-[A-Za-z0-9]{2,8})*' || \
		{ echo "usage: make new-language LANG=xx (a language code such as so, ar or es-419)"; exit 2; }
	@test ! -e $(NEW_PO) || { echo "$(NEW_PO) exists already"; exit 2; }
	mkdir -p $(dir $(NEW_PO))
	LC_ALL=C.UTF-8 $(BIN)/pybabel init -D kiosk -i i18n/kiosk.pot -o $(NEW_PO) -l $(subst -,_,$(LANG))

# Benchmarks (not tests): figures go to benchmarks/results/.
bench: venv
	command -v chromium >/dev/null || bash packaging/dev/system-deps.sh chromium
	$(BIN)/python benchmarks/startup_memory.py
	$(BIN)/python benchmarks/ui_latency.py
	$(BIN)/python benchmarks/speech_latency.py
	$(BIN)/python benchmarks/keypad_voice.py
	$(BIN)/python benchmarks/bundle_load.py
	$(BIN)/python benchmarks/content_signing.py

# The long soak (10,000 random actions, memory flat); `make test` runs a 500-action one.
soak: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m slow -s tests/app/test_soak.py

# Packaging (docs/deploying.md). `make ci` runs .ci/run, as CI does: the package and fleet
# tests, then `make test`.
deb: venv
	bash packaging/deb/build.sh

deb-test: venv
	bash packaging/deb/test.sh

ansible-test:
	bash packaging/ansible/test.sh

# The Windows scripts' checks that run on Linux (also part of `make test`).
windows-check: venv
	bash packaging/windows/check.sh

ci:
	bash .ci/run

# The README's screenshots, made by the app itself.
screenshots: venv
	$(BIN)/faq-kiosk --screenshot docs/images/home.png
	$(BIN)/faq-kiosk --screenshot docs/images/faq-en.png --lang en --open imminent-threat
	$(BIN)/faq-kiosk --screenshot docs/images/faq-vi-portrait-200.png --lang vi \
		--open contact --size 1080x1920 --text-size 200
	$(BIN)/faq-kiosk --screenshot docs/images/faq-es-small-200.png --lang es \
		--open contact --size 1280x800 --text-size 200

# docs/accessibility.md, the conformance report, from docs/accessibility-criteria.toml.
accessibility-report: venv
	PYTHONPATH=. $(BIN)/python -m tests.accessibility_report

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache i18n/*/LC_MESSAGES/*.mo
