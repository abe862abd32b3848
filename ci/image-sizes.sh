#!/usr/bin/env bash
# Computes the size of each service image without a Docker engine, by making its layers the way
# apps/<service>/Dockerfile does and adding them up:
#
#   base image (published size, see BASE_SIZES below: it cannot be pulled here)
# + the jlinked runtime   (jlink with the Dockerfile's JAVA_MODULES and JLINK_OPTIONS)
# + the service's jar     (./mvnw package, as the Dockerfile's build stage)
# + the service's AOT cache (ci/training-run.sh against the devstack, as the train stage)
#
# Sizes are uncompressed bytes, what `docker image ls` shows (1 MB = 10^6 bytes), without the
# few kB of tar headers. The "pulled" column is what a registry stores and a node downloads for
# the project's own layers: each layer as tar, gzip -6 (the base image's compressed size aside).
#
# Usage: ci/image-sizes.sh [--build] [--no-aot]
#   --build    build the jars even if they exist (default: build only when one is missing)
#   --no-aot   leave out the AOT caches (no training runs, no devstack needed)
# Leaves the runtime in target/image-runtime (ci/startup-time.sh --java target/image-runtime/bin/java
# measures what the image runs) and the caches in target/image-aot.
# Needs a JDK of the Dockerfile's major version (JAVA_HOME, or java on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'image-sizes: %s\n' "$*" >&2; }
die() { printf 'image-sizes: %s\n' "$*" >&2; exit 1; }

BUILD=false AOT=true
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=true; shift ;;
    --no-aot) AOT=false; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (--help lists them)" ;;
  esac
done

# Uncompressed sizes of the bases (bytes). They cannot be pulled here: these are published
# `docker image ls` figures for the debian12 images (canonical/chisel issue 157, September 2024:
# static 1.99MB, base-nossl 14.8MB, base 20.7MB, cc 23.4MB), so approximate: a base image changes
# a little with every Debian point release. Cross-check printed below: static + Debian's libc6.
declare -A BASE_SIZES=(
  [gcr.io/distroless/static-debian12]=1990000
  [gcr.io/distroless/base-nossl-debian12]=14800000
  [gcr.io/distroless/base-debian12]=20700000
  [gcr.io/distroless/cc-debian12]=23400000
)

DOCKERFILE=apps/order-service/Dockerfile
arg() { # the default of ARG $1 in the Dockerfile, quotes removed
  sed -n "s/^ARG $1=//p" "$DOCKERFILE" | head -n 1 | sed 's/^"\(.*\)"$/\1/'
}
JDK_IMAGE=$(arg JDK_IMAGE) BASE_IMAGE=$(arg BASE_IMAGE) JAVA_MODULES=$(arg JAVA_MODULES) JLINK_OPTIONS=$(arg JLINK_OPTIONS)
if [ -z "$JAVA_MODULES" ] || [ -z "$JLINK_OPTIONS" ] || [ -z "$BASE_IMAGE" ]; then die "cannot read the ARGs of $DOCKERFILE"; fi
base_name=${BASE_IMAGE%%:*}
BASE_BYTES=${BASE_SIZES[$base_name]:-}
[ -n "$BASE_BYTES" ] || die "no published size known for $base_name; add it to BASE_SIZES in $0"

JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA_BIN" >/dev/null || die "no java: set JAVA_HOME to a JDK"
JLINK_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}jlink"
command -v "$JLINK_BIN" >/dev/null || die "no jlink next to java: set JAVA_HOME to a JDK (not a JRE)"
local_major=$("$JAVA_BIN" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
image_major=$(sed -n 's/^[^:]*:\([0-9]*\).*/\1/p' <<<"$JDK_IMAGE")
if [ "$local_major" != "$image_major" ]; then
  say "WARNING: the images jlink JDK $image_major ($JDK_IMAGE), this is JDK $local_major: the runtime's size will differ"
fi

SERVICES=(order-service inventory-service notification-service)
missing=false
for service in "${SERVICES[@]}" devstack; do
  [ -f "apps/$service/target/$service.jar" ] || missing=true
done
if [ "$BUILD" = true ] || [ "$missing" = true ]; then
  say "building the jars as the Dockerfile's build stage does"
  ./mvnw -B -q -pl apps/devstack -am package -DskipTests
fi

RUNTIME=target/image-runtime
say "jlink --add-modules $JAVA_MODULES $JLINK_OPTIONS --output $RUNTIME"
rm -rf "$RUNTIME"
# shellcheck disable=SC2086 # JLINK_OPTIONS is a list of options, split as the Dockerfile's shell does
"$JLINK_BIN" --add-modules "$JAVA_MODULES" $JLINK_OPTIONS --output "$RUNTIME" >/dev/null
rm -f "$RUNTIME/lib/server/classes_nocoops.jsa"
"$RUNTIME/bin/java" -Xshare:on -version >/dev/null 2>&1 || die "the jlinked runtime does not start with its CDS archive"

size_of() { du -sb "$1" | cut -f1; }
gz_of() { tar -C "$(dirname "$1")" -cf - "$(basename "$1")" | gzip -6 | wc -c; }
mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1e6}'; }

AOT_DIR=target/image-aot
if [ "$AOT" = true ]; then
  mkdir -p "$AOT_DIR"
  read -r -a flags < <(sed -n 's/^ENTRYPOINT \["\/opt\/java\/bin\/java", \(.*\), "-XX:AOTCache=.*$/\1/p' "$DOCKERFILE" | tr -d '",')
  for service in "${SERVICES[@]}"; do
    say "training run for $service's AOT cache (as the Dockerfile's train stage, with the devstack)"
    rm -f "$AOT_DIR/$service.aot"
    ci/training-run.sh "$service" --java "$RUNTIME/bin/java" --jar "apps/$service/target/$service.jar" \
      --devstack apps/devstack/target/devstack.jar --log "$AOT_DIR/logs-$service" \
      --check "${flags[*]} -XX:AOTCache=$AOT_DIR/$service.aot -XX:AOTMode=on" \
      -- "${flags[@]}" "-XX:AOTCacheOutput=$AOT_DIR/$service.aot"
  done
fi

runtime_bytes=$(size_of "$RUNTIME")
runtime_gz=$(gz_of "$RUNTIME")
printf '\nJDK %s (%s), runtime modules %s\n' "$local_major" "$("$JAVA_BIN" -version 2>&1 | sed -n 2p)" "$JAVA_MODULES"
printf 'base %s: %s MB (published, approximate)' "$BASE_IMAGE" "$(mb "$BASE_BYTES")"
if libc_kib=$(dpkg-query -W -f='${Installed-Size}' libc6 2>/dev/null) && grep -q 'VERSION_ID="12"' /etc/os-release 2>/dev/null; then
  printf '; cross-check: static-debian12 %s MB + Debian 12 libc6 %s MB = %s MB' "$(mb 1990000)" \
    "$(mb $((libc_kib * 1024)))" "$(mb $((1990000 + libc_kib * 1024)))"
fi
printf '\n\n'
printf '| image | base | runtime | jar | AOT cache | total | pulled (own layers, gzip) |\n'
printf '|---|---:|---:|---:|---:|---:|---:|\n'
for service in "${SERVICES[@]}"; do
  jar="apps/$service/target/$service.jar"
  jar_bytes=$(size_of "$jar")
  gz=$((runtime_gz + $(gz_of "$jar")))
  aot_bytes=0 aot_text='-'
  if [ "$AOT" = true ]; then
    aot_bytes=$(size_of "$AOT_DIR/$service.aot")
    aot_text="$(mb "$aot_bytes") MB"
    gz=$((gz + $(gz_of "$AOT_DIR/$service.aot")))
  fi
  total=$((BASE_BYTES + runtime_bytes + jar_bytes + aot_bytes))
  printf '| chaoslab/%s | %s MB | %s MB | %s MB | %s | **%s MB** | %s MB |\n' "$service" "$(mb "$BASE_BYTES")" \
    "$(mb "$runtime_bytes")" "$(mb "$jar_bytes")" "$aot_text" "$(mb "$total")" "$(mb "$gz")"
done
printf '\nThe runtime layer (%s MB, %s MB gzipped) is the same in the three images: a node that runs\n' \
  "$(mb "$runtime_bytes")" "$(mb "$runtime_gz")"
printf 'all three stores and pulls it, and the base, once (when ci/build-images.sh builds them together).\n'
