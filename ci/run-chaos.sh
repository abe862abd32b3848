#!/usr/bin/env bash
# Labels the namespace for chaos (chaoslab.io/chaos=enabled) and starts ChaosExperiments: each
# file's experiment is deleted first if it exists, because an experiment runs once (a finished one
# is never run again), so running this again starts them afresh. They run at the same time; wait
# for them with ci/wait-and-report.sh.
#
# Usage: ci/run-chaos.sh [--namespace NS] [FILE...]
#   -n, --namespace NS  the namespace to label (default: $CHAOSLAB_NAMESPACE, else shop); the
#                       files name their own namespace, which must be this one
#   FILE                ChaosExperiment manifests (default: one per service,
#                       crds/examples/chaos-kill-{order,inventory,notification}.yaml)
#   --delete            delete the experiments and remove the label instead
#
# Needs kubectl and the shop Ready (ci/deploy-shop.sh).
set -euo pipefail
SCRIPT=run-chaos
# shellcheck source=ci/lib/pipeline.sh
. "${BASH_SOURCE[0]%/*}/lib/pipeline.sh"

NAMESPACE=$CHAOSLAB_NAMESPACE DELETE=false FILES=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n | --namespace) NAMESPACE=${2:?--namespace needs a value}; shift 2 ;;
    --delete) DELETE=true; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) die "unknown option '$1' (--help lists them)" ;;
    *) FILES+=("$1"); shift ;;
  esac
done
need kubectl
if [ ${#FILES[@]} -eq 0 ]; then
  examples="${BASH_SOURCE[0]%/*}/../crds/examples"
  FILES=("$examples/chaos-kill-order.yaml" "$examples/chaos-kill-inventory.yaml" "$examples/chaos-kill-notification.yaml")
fi
for file in "${FILES[@]}"; do
  [ -f "$file" ] || die "no such file: $file"
done

if [ "$DELETE" = true ]; then
  for file in "${FILES[@]}"; do
    run kubectl delete -n "$NAMESPACE" -f "$file" --ignore-not-found --wait
  done
  run kubectl label namespace "$NAMESPACE" chaoslab.io/chaos- 2>/dev/null || true
  exit 0
fi
run kubectl label namespace "$NAMESPACE" chaoslab.io/chaos=enabled --overwrite
for file in "${FILES[@]}"; do
  run kubectl delete -n "$NAMESPACE" -f "$file" --ignore-not-found --wait
  run kubectl apply -n "$NAMESPACE" -f "$file"
done
say "started ${#FILES[@]} experiment(s) in $NAMESPACE; next: ci/wait-and-report.sh -n $NAMESPACE --all"
