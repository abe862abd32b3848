#!/usr/bin/env bash
# Benchmark of the ShopStack operator against fabric8's mock API server (in one JVM): time from a
# new ShopStack to all its objects (20 runs), then 200 ShopStacks created at once: time until every
# one has all its objects and a status, the operator's heap and threads.
# Usage: bench/operator-scale.sh [--shops 200]
set -euo pipefail
cd "$(dirname "$0")/.."

shops=200
while [ $# -gt 0 ]; do
  case "$1" in
    --shops) shops="$2"; shift 2 ;;
    *) echo "operator-scale: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[[ "$shops" =~ ^[1-9][0-9]*$ ]] || { echo "operator-scale: --shops must be a positive number, got $shops" >&2; exit 2; }

echo "[bench] building the operator's tests and running the benchmark with $shops ShopStacks" >&2
./mvnw -B -q -pl operator -am install -DskipTests
./mvnw -B -q -pl operator test -Dtest=ShopStackScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dchaos.e2e.skip=true \
  -DargLine="-Xmx512m -Dbench.shops=$shops"
# The test JVM's output goes to surefire's report file.
grep -E '^(one ShopStack|[0-9]+ ShopStacks|heap after GC)' \
  operator/target/surefire-reports/io.chaoslab.operator.bench.ShopStackScaleBenchmark-output.txt
