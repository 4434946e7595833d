#!/usr/bin/env bash
# Install the system packages the test suite needs (Debian): PostgreSQL for the storage tests,
# Chromium for the end-to-end browser tests (driven by Playwright, never `playwright install`),
# wrk for the load benchmark and its smoke test.
# Needs root for apt-get; without it, says so loudly and names the command to run.
set -euo pipefail

need=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi

if ! command -v chromium >/dev/null 2>&1; then
  need+=(chromium)
fi
if ! command -v wrk >/dev/null 2>&1; then
  need+=(wrk)  # load generator for benchmarks/ and the load smoke test
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  cat >&2 <<MSG
########################################################################################
# Twitchcheck tests need these system packages: ${need[*]}
# This user cannot install them. Run:
#     sudo apt-get update && sudo apt-get install -y ${need[*]}
# or point TEST_DATABASE_URL at a PostgreSQL server you have. Without one, the
# PostgreSQL and browser tests are SKIPPED on this machine (in CI they fail instead).
########################################################################################
MSG
  exit 0
fi

echo "installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
