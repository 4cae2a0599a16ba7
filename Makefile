# Front door: `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TS := resources/translations/reception_zh_CN.ts resources/translations/reception_en.ts
QM := $(TS:.ts=.qm)
UI_SOURCES := $(shell find kiosk counter display terminal hardware -name '*.py' 2>/dev/null)
# Debian packages (one list shared with .ci/run and the terminal package)
APT_RUN := packaging/apt/run.txt
APT_TEST := packaging/apt/test.txt

.PHONY: system-packages system-packages-test install bytecode demo demo-center test e2e fuzz lint translations update-translations chaos bench load bundle \
        bundle-self-test packages deploy-check deploy-check-systemd openapi screenshots soak clean

install: $(STAMP)

# the Debian packages that are missing: installed when root, else the sudo line to run
system-packages:
	@sh scripts/system-packages.sh $(APT_RUN)

system-packages-test:
	@sh scripts/system-packages.sh $(APT_RUN) $(APT_TEST)

$(STAMP): pyproject.toml | system-packages
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

translations: $(QM)

# the project's bytecode, written ahead: where PYTHONDONTWRITEBYTECODE is set (as on the
# CI machines) every process would otherwise compile each module it imports, holding the
# GIL, and a device thread importing its driver stalled the GUI thread for seconds
bytecode: $(STAMP)
	@$(PY) -m compileall -q -j 0 kiosk counter display terminal hardware sync scripts

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

update-translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none $(UI_SOURCES) -ts $(TS)

demo: install translations bytecode
	$(PY) scripts/demo.py

# the whole center: the kiosk, the counter of window 3 and the hall display, one platform
demo-center: install translations bytecode
	$(PY) scripts/demo.py --center

# tests/test_deploy_container.py boots the container deploy-check-systemd builds: it runs there
test: system-packages-test install translations bytecode
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest --ignore=tests/test_deploy_container.py

# every kiosk flow, the counter at the keyboard and the hall display on a real X display
# (Xvfb, started by the tests), by XTest input
e2e: system-packages-test install translations bytecode
	RECEPTION_E2E=1 $(PY) -m pytest tests/e2e

# schemathesis (signed) from docs/openapi.json plus hypothesis on the batch endpoint,
# against a real platform on loopback; the last line counts requests and server errors
fuzz: install
	$(PY) scripts/fuzz.py

# a seeded random-touch soak of the kiosk or the counter on a real X display (Xvfb), the
# platform on loopback, the simulated printer and card reader (scripts/soak.py); e.g.
# make soak SOAK_ARGS="--app kiosk --minutes 10 --seed 123"
# make soak SOAK_ARGS="--app counter --language en --minutes 5"
soak: system-packages-test install translations bytecode
	$(PY) scripts/soak.py $(SOAK_ARGS)

lint: install
	$(VENV)/bin/ruff check .

chaos: install
	$(PY) scripts/chaos.py

# simulated terminals against a real platform: throughput, p50/p99, server CPU per
# request, hall streams pushed vs polled (docs/capacity.md); e.g.
# make load LOAD_ARGS="--db postgresql+psycopg://USER:PW@127.0.0.1/DB --workers 2"
# one or a few phases: make load LOAD_ARGS="--db ... --phases heartbeat,call-next --push notify"
load: install
	$(PY) scripts/load.py $(LOAD_ARGS)

bench: install translations
	QT_QPA_PLATFORM=offscreen $(PY) scripts/bench.py

screenshots: install translations
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py

openapi: install
	$(PY) -m sync.server.cli export-openapi docs/openapi.json
	$(PY) -m sync.server.cli export-access-matrix docs/security.md

bundle: install translations
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

# every program of the bundle (kiosk, counter, hall display, reception-sync) passes
# --self-test against a platform run from this checkout; no server stack in the bundle
bundle-self-test: bundle
	QT_QPA_PLATFORM=offscreen $(PY) scripts/bundle_self_test.py dist/reception

# Debian packages into dist/: reception-terminal (the bundle) and reception-platform
packages: bundle
	$(PY) scripts/build_packages.py --bundle dist/reception --out dist

# as root: the packages of the bundle above installed on this machine, the platform and
# a kiosk in cage (headless) started from the installed units, a number taken, upgrade,
# rollback, remove and purge (scripts/deploy_check.py); the bundle is not built again
deploy-check: install translations
	$(PY) scripts/deploy_check.py --bundle dist/reception --out dist/deploy-check

# as root: the same check under a real systemd as PID 1: in a Debian 12 container
# (systemd-nspawn, its tree cached in /var/cache/reception-deploy-check) the units are
# started by systemctl, with their users, sessions, watchdog and journal
# (scripts/deploy_container.py); skipped where no container boots, failed then when CI=true
deploy-check-systemd: install translations
	@sh scripts/system-packages.sh packaging/apt/container.txt
	$(PY) scripts/deploy_container.py --log dist/deploy-check-systemd/console.txt -- \
	  $(abspath $(PY)) scripts/deploy_check.py --systemctl --bundle dist/reception \
	  --out dist/deploy-check-systemd
	$(PY) -m pytest -q tests/test_deploy_container.py

clean:
	rm -rf build dist var .pytest_cache
