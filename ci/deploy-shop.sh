#!/usr/bin/env bash
# Applies the example ShopStack (crds/examples/shopstack.yaml: shop/demo) with the images of this
# build and waits until it is Ready; on a timeout it prints what the shop shows and fails.
#
# Usage: ci/deploy-shop.sh [--tag TAG] [--timeout DURATION] [--delete]
#   --tag TAG           the services' image tag, spec.image.tag (default: the project version)
#   --timeout DURATION  how long to wait for Ready: 90s, 10m ... (default 10m)
#   --delete            delete the ShopStack and the namespace shop instead
#
# Needs kubectl and the operator installed (ci/install-operator.sh). Running it again re-applies
# the same spec, which changes nothing.
set -euo pipefail
SCRIPT=deploy-shop
# shellcheck source=ci/lib/pipeline.sh
. "${BASH_SOURCE[0]%/*}/lib/pipeline.sh"

TAG='' TIMEOUT=10m DELETE=false
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) TAG=${2:?--tag needs a value}; shift 2 ;;
    --timeout) TIMEOUT=${2:?--timeout needs a value}; shift 2 ;;
    --delete) DELETE=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (--help lists them)" ;;
  esac
done
need kubectl
cd "${BASH_SOURCE[0]%/*}/.."
EXAMPLE=crds/examples/shopstack.yaml

if [ "$DELETE" = true ]; then
  run kubectl delete -f "$EXAMPLE" --ignore-not-found --wait
  run kubectl delete namespace shop --ignore-not-found --wait
  exit 0
fi
SECONDS_TOTAL=$(seconds "$TIMEOUT") || die "--timeout '$TIMEOUT' is not a duration (90, 90s, 10m, 1h)"
TAG=${TAG:-$(project_version)}
[ -n "$TAG" ] || die "cannot read the project version from pom.xml; pass --tag"
# The example's only `tag:` is spec.image.tag; check the edit took rather than apply the wrong one.
manifest=$(sed "s/^    tag: .*/    tag: \"$TAG\"/" "$EXAMPLE")
grep -qx "    tag: \"$TAG\"" <<<"$manifest" || die "$EXAMPLE: found no spec.image.tag to set to $TAG"

kubectl create namespace shop --dry-run=client -o yaml | run kubectl apply -f -
say "applying $EXAMPLE with spec.image.tag $TAG"
run kubectl apply -f - <<<"$manifest"
if ! run kubectl wait --for=condition=Ready shop/demo -n shop --timeout="${SECONDS_TOTAL}s"; then
  kubectl get shop demo -n shop -o wide || true
  kubectl describe shop demo -n shop | sed -n '/^Status:/,$p' || true
  kubectl get pods -n shop -o wide || true
  die "shop/demo not Ready after $TIMEOUT (its status, conditions and pods above)"
fi
say "shop/demo is Ready"
