#!/usr/bin/env bash
# Benchmark of the chaos engine against fabric8's mock API server and the test fixture that plays
# the ReplicaSet controller and kubelet (in one JVM): the measured timeline against the fixture's
# truth over many kills, then the heap and threads each running experiment costs with many
# running at once.
# Usage: bench/chaos-accuracy.sh [--rounds 10] [--experiments 50]
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=10
experiments=50
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="${2:-}"; shift 2 ;;
    --experiments) experiments="${2:-}"; shift 2 ;;
    *) echo "chaos-accuracy: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]] || [ "$rounds" -gt 100 ]; then
  echo "chaos-accuracy: --rounds must be 1..100, got $rounds" >&2; exit 2
fi
[[ "$experiments" =~ ^[1-9][0-9]*$ ]] \
  || { echo "chaos-accuracy: --experiments must be a positive number, got $experiments" >&2; exit 2; }

echo "[bench] building the operator's tests and running 3 x $rounds kills, then $experiments experiments at once" >&2
./mvnw -B -q -pl operator -am install -DskipTests
./mvnw -B -q -pl operator test -Dtest=ChaosExperimentBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dchaos.e2e.skip=true \
  -DargLine="-Xmx512m -Dbench.rounds=$rounds -Dbench.experiments=$experiments"
# The test JVM's output goes to surefire's report file.
grep -E '^(measurement error|error |[0-9]+ experiments running|platform threads)' \
  operator/target/surefire-reports/io.chaoslab.operator.chaos.ChaosExperimentBenchmark-output.txt
