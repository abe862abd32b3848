#!/usr/bin/env bash
# Builds the three service images, chaoslab/<service>:<tag>, from apps/<service>/Dockerfile, and
# the operator's, chaoslab/operator:<tag>, from operator/Dockerfile, with the repository root as
# build context, and optionally loads them into a kind cluster.
#
# Usage: ci/build-images.sh [--tag TAG] [--push-to-kind CLUSTER] [--check-only]
#   --tag TAG              image tag (default: the project version in pom.xml)
#   --push-to-kind CLUSTER load the built images into that kind cluster (`kind load docker-image`)
#   --check-only           only the checks that need no Docker engine: the three Dockerfiles are
#                          the same file but for the service, the JVM flags of their
#                          ENTRYPOINT and training run are the ones ci/lib/shop-http.sh measures,
#                          and the operator's Dockerfile uses the same bases, jlink options and
#                          flags
#
# Needs a Docker engine with BuildKit (Docker 23 or newer: `docker build` uses it by default).
# Running it again rebuilds nothing that did not change: the build and runtime stages are shared
# by the three images and cached, and `kind load` replaces an image of the same name.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=ci/lib/shop-http.sh
. ci/lib/shop-http.sh

SERVICES=(order-service inventory-service notification-service)
declare -A PORTS=([order-service]=5000 [inventory-service]=5001 [notification-service]=5002)

say() { printf 'build-images: %s\n' "$*"; }
die() { printf 'build-images: %s\n' "$*" >&2; exit 1; }
run() { printf '+ %s\n' "$*"; "$@"; }

TAG='' KIND_CLUSTER='' CHECK_ONLY=false
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) TAG=${2:?--tag needs a value}; shift 2 ;;
    --push-to-kind) KIND_CLUSTER=${2:?--push-to-kind needs a cluster name}; shift 2 ;;
    --check-only) CHECK_ONLY=true; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (--help lists them)" ;;
  esac
done

# --- checks that need no engine ---------------------------------------------------------------
# 1. One Dockerfile, three copies: normalised, they must be identical.
normalise() { # normalise SERVICE: its Dockerfile with the service's name and port replaced
  sed -e "s/$1/SERVICE/g" -e "s/^ARG SERVICE_PORT=${PORTS[$1]}\$/ARG SERVICE_PORT=PORT/" "apps/$1/Dockerfile"
}
for service in "${SERVICES[@]}"; do
  [ -f "apps/$service/Dockerfile" ] || die "apps/$service/Dockerfile is missing"
  if ! diff -u <(normalise order-service) <(normalise "$service") >/dev/null; then
    diff -u <(normalise order-service) <(normalise "$service") >&2 || true
    die "apps/$service/Dockerfile differs from apps/order-service/Dockerfile in more than the service (diff above); keep the three in step"
  fi
done
# 2. The JVM flags: the ENTRYPOINT's are IMAGE_JVM_FLAGS plus the AOT cache; the training run
#    uses the same ones (the startup figures in docs/images.md were measured with them).
for service in "${SERVICES[@]}"; do
  file="apps/$service/Dockerfile"
  entrypoint=$(sed -n 's/^ENTRYPOINT \[\(.*\)\]$/\1/p' "$file" | tr -d '"' | sed 's/, */ /g')
  expected="/opt/java/bin/java ${IMAGE_JVM_FLAGS[*]} -XX:AOTCache=/app/$service.aot -jar /app/$service.jar"
  [ "$entrypoint" = "$expected" ] ||
    die "$file: ENTRYPOINT runs '$entrypoint', expected '$expected' (IMAGE_JVM_FLAGS in ci/lib/shop-http.sh)"
  training=$(sed -n '/^RUN mkdir -p \/tmp\/aot/,/^$/p' "$file" | tr -d '\\\n' | tr -s ' ')
  case "$training" in
    *"-- ${IMAGE_JVM_FLAGS[*]} \"-XX:AOTCacheOutput="*) ;;
    *) die "$file: the training run does not use the ENTRYPOINT's flags (${IMAGE_JVM_FLAGS[*]})" ;;
  esac
  case "$training" in
    *"--check \"${IMAGE_JVM_FLAGS[*]} -XX:AOTCache="*) ;;
    *) die "$file: the training run's --check does not use the ENTRYPOINT's flags" ;;
  esac
done
say "the three Dockerfiles agree with each other and with the measured JVM flags"
# 3. The operator's Dockerfile is its own file (other modules, no AOT cache) but takes the same
#    images, jlink options and JVM flags as the services'.
OPERATOR_DOCKERFILE=operator/Dockerfile
[ -f "$OPERATOR_DOCKERFILE" ] || die "$OPERATOR_DOCKERFILE is missing"
for arg in JDK_IMAGE BASE_IMAGE JLINK_OPTIONS; do
  ours=$(grep "^ARG $arg=" "$OPERATOR_DOCKERFILE" || true)
  theirs=$(grep "^ARG $arg=" apps/order-service/Dockerfile)
  [ "$ours" = "$theirs" ] || die "$OPERATOR_DOCKERFILE: '$ours', but the services' Dockerfiles say '$theirs'"
done
entrypoint=$(sed -n 's/^ENTRYPOINT \[\(.*\)\]$/\1/p' "$OPERATOR_DOCKERFILE" | tr -d '"' | sed 's/, */ /g')
expected="/opt/java/bin/java ${IMAGE_JVM_FLAGS[*]} -jar /app/chaoslab-operator.jar"
[ "$entrypoint" = "$expected" ] ||
  die "$OPERATOR_DOCKERFILE: ENTRYPOINT runs '$entrypoint', expected '$expected' (IMAGE_JVM_FLAGS in ci/lib/shop-http.sh)"
grep -qx 'USER 65532:65532' "$OPERATOR_DOCKERFILE" || die "$OPERATOR_DOCKERFILE: the image must run as user 65532"
grep -qx '!operator/src/main/' .dockerignore ||
  die ".dockerignore does not send operator/src/main/, which $OPERATOR_DOCKERFILE copies"
say "the operator's Dockerfile agrees with the services' bases, jlink options and JVM flags"
if [ "$CHECK_ONLY" = true ]; then exit 0; fi

# --- prerequisites ------------------------------------------------------------------------------
command -v docker >/dev/null ||
  die "docker is not installed: building images needs a Docker engine with BuildKit (Docker 23 or newer)"
if ! docker_error=$(docker info --format "{{.ServerVersion}}" 2>&1 >/dev/null); then
  die "cannot reach a Docker engine: 'docker info' says: $(printf '%s' "$docker_error" | head -n 1)
Start Docker (or point DOCKER_HOST at a running engine) and run ci/build-images.sh again."
fi
if [ -n "$KIND_CLUSTER" ]; then
  command -v kind >/dev/null || die "--push-to-kind needs kind on the PATH"
  kind get clusters 2>/dev/null | grep -qx "$KIND_CLUSTER" ||
    die "no kind cluster named '$KIND_CLUSTER' (kind get clusters lists: $(kind get clusters 2>/dev/null | tr '\n' ' '))"
fi

if [ -z "$TAG" ]; then
  TAG=$(sed -n 's#^  <version>\(.*\)</version>$#\1#p' pom.xml | head -n 1)
  [ -n "$TAG" ] || die "cannot read the project version from pom.xml; pass --tag"
fi
[[ "$TAG" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "'$TAG' is not a valid image tag"
REVISION=$(git rev-parse HEAD 2>/dev/null || echo unknown)
if [ "$REVISION" != unknown ] && [ -n "$(git status --porcelain 2>/dev/null)" ]; then REVISION+=-dirty; fi

# --- build --------------------------------------------------------------------------------------
IMAGES=("${SERVICES[@]}" operator)
say "building ${IMAGES[*]} as chaoslab/<name>:$TAG (revision $REVISION)"
export DOCKER_BUILDKIT=1
for service in "${SERVICES[@]}"; do
  run docker build --file "apps/$service/Dockerfile" --tag "chaoslab/$service:$TAG" \
    --build-arg "VERSION=$TAG" --build-arg "REVISION=$REVISION" .
done
run docker build --file "$OPERATOR_DOCKERFILE" --tag "chaoslab/operator:$TAG" \
  --build-arg "VERSION=$TAG" --build-arg "REVISION=$REVISION" .

say "built:"
for service in "${IMAGES[@]}"; do
  size=$(docker image inspect --format '{{.Size}}' "chaoslab/$service:$TAG")
  printf '  %-40s %6.1f MB\n' "chaoslab/$service:$TAG" "$(awk -v b="$size" 'BEGIN {print b / 1e6}')"
done

if [ -n "$KIND_CLUSTER" ]; then
  for service in "${IMAGES[@]}"; do
    run kind load docker-image "chaoslab/$service:$TAG" --name "$KIND_CLUSTER"
  done
  say "loaded into kind cluster '$KIND_CLUSTER'"
fi
