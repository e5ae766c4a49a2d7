# dvc-e2e — see README.md. Every target sets up what it needs first (make setup).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
ALLURE := node_modules/.bin/allure
RESULTS ?= reports/allure-results
PYTEST_ARGS ?=
# the default suite: the checklist of QĐ 31/2021 (features/test_beyond_checklist.py: the rest)
CHECKLIST := features/test_checklist.py
# Python may cache compiled modules (and pytest its rewritten test modules) in __pycache__
# (git-ignored): without that, every pytest start recompiles the whole suite, ~0.6 s each
# time here, and selfcheck, bench and flake-check start pytest dozens of times.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: setup demo test unit e2e report serve lint clean test-no-test-api test-oidc-provider

setup:
	@bash scripts/setup.sh

# a new run's results never sit beside an older run's report, summary or biên bản
STALE := reports/allure-report reports/compliance

## the main job: the whole checklist against the reference portal, then the consolidated report
demo: setup
	@rm -rf $(RESULTS) $(STALE)
	-$(PY) -m pytest $(CHECKLIST) --alluredir=$(RESULTS) $(PYTEST_ARGS); echo $$? > reports/.demo-exit
	@$(MAKE) --no-print-directory report
	@exit $$(cat reports/.demo-exit)

## every test of the project: unit/contract tests (no Allure results: they are not evidence),
## then the e2e suite, the checklist and beyond it (security, reliability, accessibility),
## into a fresh results folder; then the report, the summary and bien-ban.pdf, as `make demo`
test: setup
	$(PY) -m pytest tests $(PYTEST_ARGS)
	@rm -rf $(RESULTS) $(STALE)
	-$(PY) -m pytest features --alluredir=$(RESULTS) $(PYTEST_ARGS); echo $$? > reports/.test-exit
	@$(MAKE) --no-print-directory report
	@exit $$(cat reports/.test-exit)

unit: setup
	$(PY) -m pytest tests $(PYTEST_ARGS)

## the default suite: the checklist (items 1-5); PYTEST_ARGS="-m payment", "--target NAME", ...
e2e: setup
	@rm -rf $(RESULTS) $(STALE)
	$(PY) -m pytest $(CHECKLIST) --alluredir=$(RESULTS) $(PYTEST_ARGS)

## the whole e2e suite against the reference portal WITHOUT its test API: every precondition
## through the user interface (targets/reference-no-test-api.toml); slower, not in `make test`
test-no-test-api: setup
	@rm -rf $(RESULTS) $(STALE)
	$(PY) -m pytest features --target reference-no-test-api --alluredir=$(RESULTS) $(PYTEST_ARGS)

## the whole e2e suite against the reference portal signing in through npm oidc-provider, a
## certified OpenID provider we did not write (targets/reference-oidc-provider.toml): what
## needs our SSO mock is skipped with its reason, nothing may fail (.ci/run runs it)
## into reports/allure-results-oidc, beside `make test`'s evidence (make report RESULTS=reports/allure-results-oidc)
test-oidc-provider: setup
	@rm -rf reports/allure-results-oidc
	$(PY) -m pytest features --target reference-oidc-provider --alluredir=reports/allure-results-oidc $(PYTEST_ARGS)

## one single-file Allure report + the compliance summary and bien-ban.pdf (reports/compliance/)
## from every results folder given: RESULTS="shard1 shard2 ..." (default reports/allure-results);
## REPORT_ARGS="--field tester=..." overrides a field of the profile's [report]
report: setup
	@$(PY) -m reports.build $(RESULTS) $(REPORT_ARGS)

## check the evidence bundle (results, attachments, report, summary, biên bản) against
## reports/compliance/manifest.sha256 and the hash the biên bản carries; exit 2 on a mismatch
.PHONY: verify-evidence
verify-evidence: setup
	@$(PY) -m reports.verify

## portal + mocks up for clicking through (ports from targets/local-external.toml)
serve: setup
	$(PY) -m scripts.serve

## does the suite catch real defects? healthy run + one run per seeded defect (docs/selfcheck.md)
.PHONY: selfcheck
selfcheck: setup
	$(PY) -m scripts.selfcheck $(SELFCHECK_ARGS)

## mutation testing (docs/mutation.md): N mutants of the portal (default 100) drawn with SEED
## (default 1), each judged by its file's scenarios, JOBS at once (default 2)
## -> reports/mutation.json / .md; exit 1 under an 80 % kill rate
.PHONY: mutation
mutation: setup
	$(PY) -m scripts.mutation --n $(or $(N),100) --seed $(or $(SEED),1) --jobs $(or $(JOBS),2) $(MUTATION_ARGS)

## how long the default suite + report take, and the suite's overhead over bare Playwright
## (reports/bench.json); CHECK=1: exit 1 when a target of issue #11 is missed
.PHONY: bench
bench: setup
	$(PY) -m scripts.bench --results $(RESULTS) $(if $(CHECK),--check) --pytest-args="$(PYTEST_ARGS)"

## the default suite N times (default 10): which scenarios changed outcome (reports/flake-check.json)
.PHONY: flake-check
flake-check: setup
	$(PY) -m scripts.flake_check --runs $(or $(N),10) --pytest-args="$(PYTEST_ARGS)"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

clean:
	rm -rf reports/allure-results reports/allure-report reports/compliance reports/test-results
