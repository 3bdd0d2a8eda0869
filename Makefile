# vais-hot: `make profile` profiles examples/game.vais; `make test` runs every test.
SWIFT ?= swift
APT_PACKAGES := libelf-dev libdw-dev libunwind-dev pkg-config

.PHONY: deps build release profile test bench baseline examples bench-micro clean

# Installs the Debian packages the project links against, if any is missing.
deps:
	@missing=""; \
	for package in $(APT_PACKAGES); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product vais-hot

# Builds an optimized vais-hot (what is measured is its own compile speed),
# profiles 20 reloads of examples/game.vais and prints where report.html is.
profile: release
	.build/release/vais-hot profile examples/game.vais

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

# The CI regression gate: the quick suite against the committed baseline
# (exit 2 when a metric regressed).
bench: release
	.build/release/vais-hot bench --suite quick --baseline reports/baseline.json

# Records reports/baseline.json again, keeping its per-metric thresholds.
baseline: release
	.build/release/vais-hot bench --suite quick --baseline reports/baseline.json --out reports/baseline.json || [ $$? -eq 2 ]

# Builds and runs the examples that need no runtime.
examples: build
	mkdir -p build/examples
	for name in game hot_reload_simple; do \
		.build/debug/vais-hot build examples/$$name.vais -o build/examples/$$name && ./build/examples/$$name > /dev/null || exit 1; \
	done

# The package-benchmark suite (a package of its own under Benchmarks/).
bench-micro:
	cd Benchmarks && $(SWIFT) package benchmark

clean:
	rm -rf .build build Benchmarks/.build
