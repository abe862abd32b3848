#!/usr/bin/env bash
# Creates the pipeline's kind cluster from ci/kind-config.yaml, or reuses it when it exists, and
# points the current kubeconfig context at it (kind-NAME).
#
# Usage: ci/kind-cluster.sh [--name NAME] [--delete]
#   --name NAME  the cluster (default: $CHAOSLAB_CLUSTER, else chaoslab)
#   --delete     delete the cluster instead (nothing to do when there is none)
#
# Needs docker (a running engine), kind and kubectl. Running it again reuses the cluster.
set -euo pipefail
SCRIPT=kind-cluster
# shellcheck source=ci/lib/pipeline.sh
. "${BASH_SOURCE[0]%/*}/lib/pipeline.sh"

NAME=$CHAOSLAB_CLUSTER DELETE=false
while [ $# -gt 0 ]; do
  case "$1" in
    --name) NAME=${2:?--name needs a value}; shift 2 ;;
    --delete) DELETE=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (--help lists them)" ;;
  esac
done
need docker kind kubectl
need_docker_engine

exists() { kind get clusters 2>/dev/null | grep -qx "$NAME"; }
if [ "$DELETE" = true ]; then
  if exists; then
    run kind delete cluster --name "$NAME"
  else
    say "no kind cluster '$NAME': nothing to delete"
  fi
  exit 0
fi
if exists; then
  say "reusing kind cluster '$NAME'"
  run kind export kubeconfig --name "$NAME"
else
  run kind create cluster --name "$NAME" --config "${BASH_SOURCE[0]%/*}/kind-config.yaml" --wait 3m
fi
run kubectl cluster-info --context "kind-$NAME"
