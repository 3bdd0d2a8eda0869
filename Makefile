# vais-hot: `make profile` profiles examples/game.vais; `make test` runs every test.
SWIFT ?= swift
# llvm-16-dev and liblld-16-dev: libVaisBackend.so, which builds hot parts in
# process (LLVM 16 is Debian 12's newest; docs/HOT_RELOAD.md).
APT_PACKAGES := libelf-dev libdw-dev libunwind-dev pkg-config llvm-16-dev liblld-16-dev
# valgrind counts the instructions the bench gates CPU-bound metrics on.
BENCH_APT_PACKAGES := valgrind

.PHONY: deps deps-bench install-packages build release profile test bench baseline examples yardstick screenshots bench-micro soak fuzz clean

# Installs the Debian packages the project links against (and, for the
# bench targets, valgrind), if any is missing.
deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(APT_PACKAGES)"

deps-bench: deps
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(BENCH_APT_PACKAGES)"

install-packages:
	@missing=""; \
	for package in $(PACKAGES); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

# vais-hot and, beside it, libVaisHotRuntime.so, which `build --hot` executables link against,
# libVaisBackend.so, which builds hot parts in process, and libVaisProgramRuntime.a, which programs link with.
release: deps
	$(SWIFT) build -c release --product vais-hot
	$(SWIFT) build -c release --product VaisHotRuntime
	$(SWIFT) build -c release --product VaisBackend
	$(SWIFT) build -c release --product VaisProgramRuntime

# Builds an optimized vais-hot (what is measured is its own compile speed),
# profiles 20 reloads of examples/game.vais and prints where report.html is.
profile: release
	.build/release/vais-hot profile examples/game.vais

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

# 1,000 reloads of a program under `vais-hot run` (about a minute): prints
# RSS, descriptors, mapped versions and files at 0, 100, 500 and 1,000
# reloads, and fails when RSS grew by 1 MB or more over the last 500 (or
# anything else grew); then as many random single-function partial reloads
# in process, each checking that every slot points into mapped code and that
# a call parked in a replaced version keeps it mapped. SOAK_RELOADS=N for
# another count. Not in CI.
SOAK_RELOADS ?= 1000
soak: deps
	$(SWIFT) build --build-tests
	VAIS_SOAK=1 VAIS_SOAK_RELOADS=$(SOAK_RELOADS) $(SWIFT) test --skip-build --filter "SoakTests|partialSoak"

# The front end under libFuzzer for FUZZ_SECONDS (Fuzz/, a package of its
# own built with -sanitize=fuzzer), from a seed corpus of Tests/Corpus and
# examples/; what crashes or hangs it lands in Tests/Corpus/fuzz/. Not in CI.
FUZZ_SECONDS ?= 600
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) Fuzz/fuzz.sh

# The CI regression gate: the quick suite against the committed baseline
# (exit 2 when a metric regressed). Instruction counts and ratios to
# references measured in the same run make it hold on any machine of the
# kind (docs/BENCHMARKING.md).
bench: deps-bench release
	.build/release/vais-hot bench --suite quick --baseline reports/baseline.json

# Records reports/baseline.json again, keeping its per-metric thresholds.
baseline: deps-bench release
	.build/release/vais-hot bench --suite quick --baseline reports/baseline.json --out reports/baseline.json || [ $$? -eq 2 ]

# Renders every report page (profile, compare, trace, bench, trend) in
# headless Chromium at 1,400 and 700 px, checks it reads, and saves the
# screenshots in docs/screenshots/.
screenshots: deps
	@$(MAKE) --no-print-directory install-packages PACKAGES=chromium
	$(SWIFT) build --build-tests
	VAIS_HOT_SCREENSHOTS=$(CURDIR)/docs/screenshots $(SWIFT) test --filter PagesInBrowserTests

# Builds and runs the examples that need no runtime.
examples: build
	mkdir -p build/examples
	for name in game hot_reload_simple; do \
		.build/debug/vais-hot build examples/$$name.vais -o build/examples/$$name && ./build/examples/$$name > /dev/null || exit 1; \
	done

# The yardstick (docs/LANGUAGE.md): checks, builds and runs every .vais
# file of EXAMPLES (the original Vais repository's examples, fetched
# outside this repository) and prints how many pass each stage;
# YARDSTICK_FLAGS=--lenient-mutability counts as the original compiler would.
EXAMPLES ?= ../vais-examples
yardstick: build
	YARDSTICK_FLAGS="$(YARDSTICK_FLAGS)" scripts/yardstick.sh $(EXAMPLES) .build/debug/vais-hot

# The package-benchmark suite (a package of its own under Benchmarks/),
# checked against the baseline stored in Benchmarks/.benchmarkBaselines/
# (`swift package benchmark baseline check`; the tolerances are the
# thresholds in each benchmark's configuration). Each benchmark target is
# checked on its own, and one that fails is run once more: only a second
# failure in a row counts, since on a shared machine a burst of load can
# slow a whole run down, while a real slowdown shows up both times.
BENCH_MICRO_BASELINE ?= default
BENCH_MICRO_TARGETS := $(notdir $(wildcard Benchmarks/Benchmarks/*))

bench-micro:
	@cd Benchmarks && failed=""; \
	for target in $(BENCH_MICRO_TARGETS); do \
		echo "== bench-micro: $$target against baseline '$(BENCH_MICRO_BASELINE)'"; \
		$(SWIFT) package benchmark baseline check $(BENCH_MICRO_BASELINE) --target $$target --no-progress \
		|| { echo "== bench-micro: $$target is over its thresholds (or failed); running it again"; \
		     $(SWIFT) package benchmark baseline check $(BENCH_MICRO_BASELINE) --target $$target --no-progress; } \
		|| failed="$$failed $$target"; \
	done; \
	if [ -n "$$failed" ]; then \
		echo "bench-micro: FAILED twice in a row:$$failed (deviations above)"; exit 1; \
	fi; \
	echo "bench-micro: all benchmarks within their thresholds of baseline '$(BENCH_MICRO_BASELINE)'"

# Records the baseline again: run it on an otherwise idle machine, then
# commit Benchmarks/.benchmarkBaselines/<Target>/default/results.json.
.PHONY: bench-micro-baseline
bench-micro-baseline:
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory \
		benchmark baseline update $(BENCH_MICRO_BASELINE) --no-progress

clean:
	rm -rf .build build Benchmarks/.build
