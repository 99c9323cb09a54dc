# The two README commands: `make run` and `make test`. Everything else is a helper.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: setup configure build run test bench fuzz fuzz-run clean format check-format

setup:
	@bash scripts/setup-debian.sh

configure: setup
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# Main job on the bundled examples: builds only the command it runs.
run: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target chokepoint
	@bash scripts/run-examples.sh $(BUILD_DIR)

# The format check runs first: it is instant, and a red test run should not hide it.
test: build
	@bash scripts/check-format.sh
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@bash scripts/run-benchmarks.sh $(BUILD_DIR)

fuzz: setup
	@cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHOKEPOINT_FUZZ=ON \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
	@cmake --build build-fuzz -j $(JOBS)

# Every fuzz target for FUZZ_SECONDS each, with a 1 s per-input limit (slowness is a finding).
fuzz-run: setup
	@bash scripts/run-fuzzers.sh $(or $(FUZZ_SECONDS),60) 1

# Reformat every C++ file; `make test` checks the files changed since the last commit
# (scripts/check-format.sh).
format: setup
	@find src tests bench fuzz \( -name '*.h' -o -name '*.cc' \) -print0 | xargs -0 clang-format -i

check-format:
	@bash scripts/check-format.sh

clean:
	rm -rf $(BUILD_DIR) build-fuzz
