#!/usr/bin/env bash
# Installs (or upgrades) the operator with its Helm chart, helm/chaoslab-operator, as release
# chaoslab in namespace chaoslab-system, and waits until it is up.
#
# Usage: ci/install-operator.sh [--tag TAG] [--uninstall]
#   --tag TAG    the operator image's tag, chaoslab/operator:TAG (default: the project version)
#   --uninstall  remove the release instead (nothing to do when it is not installed)
#
# Needs helm and kubectl, and the image loaded in the cluster (ci/build-images.sh --push-to-kind).
# Running it again upgrades the release in place (helm upgrade --install).
set -euo pipefail
SCRIPT=install-operator
# shellcheck source=ci/lib/pipeline.sh
. "${BASH_SOURCE[0]%/*}/lib/pipeline.sh"

TAG='' UNINSTALL=false
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) TAG=${2:?--tag needs a value}; shift 2 ;;
    --uninstall) UNINSTALL=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (--help lists them)" ;;
  esac
done
need helm kubectl
cd "${BASH_SOURCE[0]%/*}/.."

if [ "$UNINSTALL" = true ]; then
  if helm status chaoslab -n chaoslab-system >/dev/null 2>&1; then
    run helm uninstall chaoslab -n chaoslab-system --wait
  else
    say "release chaoslab is not installed: nothing to remove"
  fi
  exit 0
fi
[ -f helm/chaoslab-operator/Chart.yaml ] || die "no chart at helm/chaoslab-operator (Chart.yaml missing)"
TAG=${TAG:-$(project_version)}
[ -n "$TAG" ] || die "cannot read the project version from pom.xml; pass --tag"
run helm upgrade --install chaoslab helm/chaoslab-operator -n chaoslab-system --create-namespace \
  --set "image.tag=$TAG" --wait --timeout 5m
say "operator chaoslab/operator:$TAG installed in chaoslab-system"
