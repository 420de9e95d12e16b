# Herald — build, run and test. Every target installs the Debian packages it needs when missing,
# so a fresh machine needs nothing done by hand.
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
DEB_PACKAGES := libmicrohttpd-dev libsqlite3-dev pkg-config
HOST ?= 127.0.0.1
PORT ?= 8080
DB ?= herald.sqlite

.PHONY: deps build release run test bench clean

# Installs missing Debian packages (apt-get runs only when something is missing).
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Builds and serves the demo newsroom on http://$(HOST):$(PORT) (the demo loads into an empty database).
run: build
	$(SWIFT) run herald serve --host $(HOST) --port $(PORT) --db $(DB)

# Builds and runs every test (unit, page, store and end-to-end over a real socket).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Release build, synthetic data and wrk load (see bench/README.md). Not part of `make test`.
bench: deps
	bash bench/run.sh

clean:
	rm -rf .build
