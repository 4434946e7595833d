#!/usr/bin/env bash
# Install the system packages the test suite needs (Debian): PostgreSQL for the storage tests,
# Redis for the test of rate limits shared by several processes, Chromium for the end-to-end
# browser tests (driven by Playwright, never `playwright install`), wrk for the load benchmark
# and its smoke test.
# Needs root for apt-get; without it, says so loudly and names the command to run.
# Another apt process (unattended upgrades, another engineer's install) may hold dpkg's lock:
# apt itself waits for it (DPkg::Lock::Timeout) instead of failing at once.
set -euo pipefail

need=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi

if ! command -v redis-server >/dev/null 2>&1; then
  need+=(redis-server)  # a shared rate-limit store for tests/resilience/test_shared_limits.py
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
# PostgreSQL, Redis and browser tests are SKIPPED on this machine (in CI they fail instead).
########################################################################################
MSG
  exit 0
fi

echo "installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
LOCK_TIMEOUT=300  # seconds apt waits for another apt or dpkg process to release its lock
apt_get() {
  apt-get -o DPkg::Lock::Timeout="$LOCK_TIMEOUT" "$@"
}
holders=$(fuser /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock 2>/dev/null || true)
if [ -n "${holders// /}" ]; then
  echo "waiting (at most ${LOCK_TIMEOUT} s) for apt's lock, held by:"
  ps -o pid=,args= -p "$(echo $holders | tr ' ' ',')" 2>/dev/null || echo "  process $holders"
fi
echo "apt-get update (waits up to ${LOCK_TIMEOUT} s for apt's lock if another apt process holds it)"
apt_get update -qq
echo "apt-get install ${need[*]} (waits up to ${LOCK_TIMEOUT} s for apt's lock likewise)"
apt_get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
