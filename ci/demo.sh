#!/usr/bin/env bash
# The whole story on a laptop with Docker: creates (or reuses) a kind cluster, builds the jars and
# the images and loads them into it, installs the operator, deploys the example ShopStack, runs a
# chaos experiment under traffic, and prints the verdict and the recovery timeline.
#
# Usage: ci/demo.sh [--experiment FILE] [--tag TAG] [--delete]
#   --experiment FILE  the ChaosExperiment to run (default: crds/examples/chaos-kill-order.yaml)
#   --tag TAG          the images' tag (default: the project version)
#   --delete           delete the demo's kind cluster (and everything in it) instead
#
# Needs docker (a running engine), kind, kubectl, helm and a JDK 21+. Without a Docker engine it
# stops at once: run the shop locally with the devstack instead (see README.md). Running it again
# reuses the cluster and starts the experiment afresh.
set -euo pipefail
SCRIPT=demo
CI="${BASH_SOURCE[0]%/*}"
# shellcheck source=ci/lib/pipeline.sh
. "$CI/lib/pipeline.sh"

EXPERIMENT="$CI/../crds/examples/chaos-kill-order.yaml" TAG='' DELETE=false
while [ $# -gt 0 ]; do
  case "$1" in
    --experiment) EXPERIMENT=${2:?--experiment needs a file}; shift 2 ;;
    --tag) TAG=${2:?--tag needs a value}; shift 2 ;;
    --delete) DELETE=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (--help lists them)" ;;
  esac
done

# Docker first and alone: without an engine nothing below can work, so say so before anything.
if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  die "this demo needs a running Docker engine (for kind and the images), and there is none here.
Without Docker, run the whole shop on this machine with the devstack:
  ./mvnw -B -q package -DskipTests && java -jar apps/devstack/target/devstack.jar
and drive traffic at it with loadgen (README.md: \"Run the shop locally\", \"Drive traffic\")."
fi
if [ "$DELETE" = true ]; then
  exec "$CI/kind-cluster.sh" --delete
fi
[ -f "$EXPERIMENT" ] || die "no such file: $EXPERIMENT"
name=$(sed -n 's/^  name: //p' "$EXPERIMENT" | head -n 1)
[ -n "$name" ] || die "$EXPERIMENT: no metadata.name"
TAG=${TAG:-$(project_version)}

"$CI/prerequisites.sh"
"$CI/build.sh" --skip-tests
"$CI/kind-cluster.sh"
"$CI/build-images.sh" --tag "$TAG" --push-to-kind "$CHAOSLAB_CLUSTER"
"$CI/install-operator.sh" --tag "$TAG"
"$CI/deploy-shop.sh" --tag "$TAG"
"$CI/traffic.sh" start --rate 50
trap '"$CI/traffic.sh" stop >/dev/null 2>&1 || true' EXIT
"$CI/run-chaos.sh" "$EXPERIMENT"
verdict=0
"$CI/wait-and-report.sh" --timeout 15m "$name" || verdict=$?
"$CI/traffic.sh" stop || warn "loadgen reported a problem (its report above)"
trap - EXIT

say "the experiment, as kubectl shows it:"
kubectl get chaosexperiment "$name" -n shop -o wide
say "verdict: $(kubectl get chaosexperiment "$name" -n shop -o jsonpath='{.status.phase}: {.status.message}')"
say "recovery timeline:"
chaos_timeline "$name" shop | sed 's/^/  /'
say "JUnit XML: $CHAOSLAB_ARTIFACTS/chaos-junit.xml; remove everything with: ci/demo.sh --delete"
exit "$verdict"
