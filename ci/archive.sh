#!/usr/bin/env bash
# Saves what a chaos run leaves in the cluster into the artifacts directory: each ChaosExperiment
# as YAML (spec, verdict, every kill's timeline) and its timeline as text, plus the ShopStack, the
# namespace's pods and events. Best effort: what cannot be read is reported and skipped, so a
# broken run still archives the rest.
#
# Usage: ci/archive.sh [--namespace NS] [--dir DIR]
#   -n, --namespace NS  the experiments' namespace (default: $CHAOSLAB_NAMESPACE, else shop)
#   --dir DIR           where to write (default: $CHAOSLAB_ARTIFACTS, else ci-artifacts);
#                       files go to DIR/experiments/ and DIR/cluster/
#
# Needs kubectl. Running it again overwrites the files with the cluster's current state.
set -euo pipefail
SCRIPT=archive
# shellcheck source=ci/lib/pipeline.sh
. "${BASH_SOURCE[0]%/*}/lib/pipeline.sh"

NAMESPACE=$CHAOSLAB_NAMESPACE DIR=$CHAOSLAB_ARTIFACTS
while [ $# -gt 0 ]; do
  case "$1" in
    -n | --namespace) NAMESPACE=${2:?--namespace needs a value}; shift 2 ;;
    --dir) DIR=${2:?--dir needs a value}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (--help lists them)" ;;
  esac
done
need kubectl
mkdir -p "$DIR/experiments" "$DIR/cluster"

# save FILE COMMAND...: COMMAND's output into FILE; a failure is reported, not fatal.
save() {
  local file=$1
  shift
  if "$@" >"$file.tmp" 2>"$file.err"; then
    mv "$file.tmp" "$file"
    rm -f "$file.err"
    say "saved $file"
  else
    warn "could not save $file: $(head -n 1 "$file.err")"
    rm -f "$file.tmp" "$file.err"
  fi
}

names=$(kubectl get chaosexperiments -n "$NAMESPACE" -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}') ||
  die "cannot list the ChaosExperiments in namespace $NAMESPACE"
count=0
while IFS= read -r name; do
  [ -n "$name" ] || continue
  save "$DIR/experiments/$name.yaml" kubectl get chaosexperiment "$name" -n "$NAMESPACE" -o yaml
  save "$DIR/experiments/$name.timeline.txt" chaos_timeline "$name" "$NAMESPACE"
  count=$((count + 1))
done <<<"$names"
save "$DIR/cluster/shopstacks.yaml" kubectl get shopstacks -n "$NAMESPACE" -o yaml
save "$DIR/cluster/pods.txt" kubectl get pods -n "$NAMESPACE" -o wide
save "$DIR/cluster/events.txt" kubectl get events -n "$NAMESPACE" --sort-by=.lastTimestamp
say "archived $count experiment(s) from $NAMESPACE into $DIR"
