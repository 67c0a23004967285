# Loa — the two commands of the README, and their parts.
#   make run   install, build, and serve http://127.0.0.1:8080 with the demo database
#   make test  install, build, and run every test (C++, UI unit, browser end-to-end)
PRESET ?= release
BUILD  := build/$(PRESET)
LOA    := $(BUILD)/src/loa
DB     ?= var/loa.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all setup build cpp ui run test test-cpp test-asan test-ui test-e2e bench format-check lint clean

all: build

setup:
	@scripts/setup

cpp: setup
	@test -f $(BUILD)/build.ninja || cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET)

ui: setup
	@cd ui && npm run --silent build

build: cpp ui

run: build
	@mkdir -p $(dir $(DB))
	$(LOA) serve --demo --db $(DB) --listen $(LISTEN) --ui ui/dist

test-cpp: cpp
	@cd $(BUILD) && ctest --output-on-failure --no-tests=error -j2

# The C++ tests again under AddressSanitizer + UndefinedBehaviorSanitizer (and LeakSanitizer).
test-asan: setup
	@test -f build/asan/build.ninja || cmake --preset asan >/dev/null
	@cmake --build --preset asan
	@cd build/asan && ctest --output-on-failure --no-tests=error -j2

test-ui: setup
	@cd ui && npm run --silent test

test-e2e: build
	@cd ui && LOA_BIN=$(CURDIR)/$(LOA) LOA_UI_DIR=$(CURDIR)/ui/dist npm run --silent e2e

test: build format-check lint test-cpp test-asan test-ui test-e2e
	@echo "make test: all test suites passed"

bench: build
	@bench/http/run.sh $(LOA)

format-check: setup
	@clang-format --dry-run --Werror $$(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp')

lint: cpp
	@echo "lint: clang-tidy on src/ (a few minutes)"
	@run-clang-tidy -quiet -p $(BUILD) -j2 '$(CURDIR)/src/' >$(BUILD)/clang-tidy.log 2>&1 \
	  || { grep -E 'error:|warning:' $(BUILD)/clang-tidy.log | grep -v 'warnings generated'; exit 1; }

clean:
	rm -rf build ui/dist
