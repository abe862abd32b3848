#!/usr/bin/env bash
# Start-up time of one ChaosLab service: milliseconds from exec'ing `java` to the first `200` on
# GET /ready (polled every 10 ms), over several runs (min / median / max), in one of these modes:
#
#   off       no class-data sharing at all (-Xshare:off)
#   default   plain `java -jar`: the runtime's own CDS archive (the JDK's, or the one
#             `jlink --generate-cds-archive` put into the image's runtime)
#   appcds    AppCDS: a dynamic archive of the app's classes made by a training run
#             (-XX:ArchiveClassesAtExit), used with -XX:SharedArchiveFile
#   aot       the JDK 25 AOT cache (JEP 483/514/515: classes loaded and linked, method profiles),
#             made by a training run (-XX:AOTCacheOutput), used with -XX:AOTCache. The images
#             ship one (see apps/*/Dockerfile).
#
# optionally with --c1 (-XX:TieredStopAtLevel=1: the C1 compiler only) on top.
#
# Usage: ci/startup-time.sh SERVICE [options]
#   SERVICE            order | inventory | notification
#   --mode MODE        off | default | appcds | aot (default: default)
#   --cds              the same as --mode appcds
#   --c1               add -XX:TieredStopAtLevel=1
#   --runs N           counted runs (default 10)
#   --warmup N         runs not counted, first (default 1). The first run also proves that the
#                      archive or cache is used: it runs with -Xshare:on / -XX:AOTMode=on
#   --rss SECONDS      also read VmRSS from /proc/PID/status SECONDS after ready, no traffic
#   --java PATH        the java to run (default: $JAVA_HOME/bin/java, else java on PATH); point
#                      it at a jlinked runtime (ci/image-sizes.sh leaves the image's runtime in
#                      target/image-runtime) to measure what the image runs
#   --jar PATH         the service jar (default apps/<svc>-service/target/<svc>-service.jar)
#   --archive FILE     use this archive (appcds) or AOT cache (aot) as it is: no training run
#   --retrain          make the training run again even if its archive is newer than the jar
#   --work-dir DIR     where archives and logs go (default target/startup)
#   --jvm-flag FLAG    one more JVM flag (repeatable)
#
# The service runs with the images' JVM flags (IMAGE_JVM_FLAGS in ci/lib/shop-http.sh) and
# SHUTDOWN_DRAIN_MS=0, and with this environment unless it is already set: order and inventory
# need a PostgreSQL, and order an inventory service. The devstack on non-default ports provides
# both (the script says so when they are missing):
#   java -jar apps/devstack/target/devstack.jar --order-port 25000 --inventory-port 25001 \
#        --notification-port 25002 --db-port 25432 --log-level WARN
# The measured service listens on 25100 (order), 25101 (inventory) or 25102 (notification).
#
# Output: a line per run, then
#   RESULT <service> <mode> runs=N ready_ms min=.. median=.. max=.. [rss_mib min=.. median=.. max=..]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=ci/lib/shop-http.sh
. ci/lib/shop-http.sh

die() { printf 'startup-time: %s\n' "$*" >&2; exit 1; }
log() { printf 'startup-time: %s\n' "$*" >&2; }
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit "${1:-2}"; }

[ $# -ge 1 ] || usage
case "$1" in -h | --help) usage 0 ;; esac
SERVICE=$(service_name "$1") || die "unknown service '$1' (order, inventory or notification)"
shift

MODE=default C1=false RUNS=10 WARMUP=1 RSS_AFTER='' RETRAIN=false ARCHIVE=''
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/java}"
JAVA_BIN="${JAVA_BIN:-$(command -v java || true)}"
JAR="apps/$SERVICE-service/target/$SERVICE-service.jar"
WORK_DIR=target/startup
EXTRA_FLAGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) MODE=${2:?--mode needs a value}; shift 2 ;;
    --cds) MODE=appcds; shift ;;
    --c1) C1=true; shift ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --rss) RSS_AFTER=${2:?}; shift 2 ;;
    --java) JAVA_BIN=${2:?}; shift 2 ;;
    --jar) JAR=${2:?}; shift 2 ;;
    --archive) ARCHIVE=${2:?}; shift 2 ;;
    --retrain) RETRAIN=true; shift ;;
    --work-dir) WORK_DIR=${2:?}; shift 2 ;;
    --jvm-flag) EXTRA_FLAGS+=("${2:?}"); shift 2 ;;
    -h | --help) usage 0 ;;
    *) die "unknown option '$1' (--help lists them)" ;;
  esac
done
case "$MODE" in off | default | appcds | aot) ;; *) die "unknown mode '$MODE' (off, default, appcds, aot)" ;; esac
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, got '$RUNS'"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "--warmup must be a non-negative integer, got '$WARMUP'"
[ -z "$RSS_AFTER" ] || [[ "$RSS_AFTER" =~ ^[0-9]+$ ]] || die "--rss must be whole seconds, got '$RSS_AFTER'"
if [ -z "$JAVA_BIN" ] || [ ! -x "$JAVA_BIN" ]; then die "no java found: set JAVA_HOME or pass --java PATH"; fi
[ -f "$JAR" ] || die "$JAR not found; build it: ./mvnw -B -q -pl apps/$SERVICE-service -am package -DskipTests"
if [ -n "$ARCHIVE" ]; then
  case "$MODE" in appcds | aot) ;; *) die "--archive needs --mode appcds or --mode aot" ;; esac
  [ -s "$ARCHIVE" ] || die "--archive $ARCHIVE: no such file"
fi

case "$SERVICE" in
  order) PORT=25100 ;;
  inventory) PORT=25101 ;;
  notification) PORT=25102 ;;
esac
export PORT LOG_LEVEL="${LOG_LEVEL:-WARN}" SHUTDOWN_DRAIN_MS=0 SHUTDOWN_TIMEOUT_MS=2000
export DATABASE_URL="${DATABASE_URL:-jdbc:postgresql://localhost:25432/postgres}"
export DATABASE_USER="${DATABASE_USER:-postgres}"
export INVENTORY_URL="${INVENTORY_URL:-http://localhost:25001}"
export NOTIFICATION_URL="${NOTIFICATION_URL:-http://localhost:25002}"

check_dependencies() {
  if [ "$SERVICE" != notification ]; then
    local hostport host port
    hostport=$(sed -n 's#^jdbc:postgresql://\([^/?]*\).*#\1#p' <<<"$DATABASE_URL")
    host=${hostport%%:*} port=${hostport##*:}
    [ "$port" != "$hostport" ] || port=5432
    port_open "$host" "$port" || die "no PostgreSQL at $DATABASE_URL. Start one, e.g. the devstack:
  java -jar apps/devstack/target/devstack.jar --order-port 25000 --inventory-port 25001 --notification-port 25002 --db-port 25432 --log-level WARN
or set DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD."
  fi
  if [ "$SERVICE" = order ]; then
    local inv=${INVENTORY_URL#http://}
    inv=${inv%%/*}
    [ "$(http "${inv##*:}" GET /ready || true)" = 200 ] ||
      die "inventory at $INVENTORY_URL is not ready (order's /ready needs it); start the devstack (see --help)"
  fi
  if port_open 127.0.0.1 "$PORT"; then die "port $PORT is already in use"; fi
}

PID=''
trap 'if [ -n "$PID" ]; then stop_pid "$PID"; fi' EXIT
trap 'exit 130' INT TERM

mkdir -p "$WORK_DIR"
check_dependencies
log "java: $("$JAVA_BIN" -version 2>&1 | sed -n 2p)"

# Archives are made per java binary and jar, and made again when the jar is newer.
runtime_id=$(printf '%s' "$(readlink -f "$JAVA_BIN")" | cksum | cut -d' ' -f1)
MODE_FLAGS=() VERIFY_FLAGS=() TRAIN_FLAG=''
case "$MODE" in
  off) MODE_FLAGS=(-Xshare:off) ;;
  default) VERIFY_FLAGS=(-Xshare:on) ;;
  appcds)
    archive="${ARCHIVE:-$WORK_DIR/$SERVICE-$runtime_id.jsa}"
    TRAIN_FLAG="-XX:ArchiveClassesAtExit=$archive"
    MODE_FLAGS=("-XX:SharedArchiveFile=$archive")
    VERIFY_FLAGS=(-Xshare:on)
    ;;
  aot)
    "$JAVA_BIN" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q '\bAOTCacheOutput\b' ||
      die "this java has no AOT cache (-XX:AOTCacheOutput needs JDK 25 or newer)"
    archive="${ARCHIVE:-$WORK_DIR/$SERVICE-$runtime_id.aot}"
    TRAIN_FLAG="-XX:AOTCacheOutput=$archive"
    MODE_FLAGS=("-XX:AOTCache=$archive")
    VERIFY_FLAGS=(-XX:AOTMode=on)
    ;;
esac
C1_FLAGS=()
if [ "$C1" = true ]; then C1_FLAGS=(-XX:TieredStopAtLevel=1); fi
FLAGS=("${IMAGE_JVM_FLAGS[@]}" "${C1_FLAGS[@]}" "${EXTRA_FLAGS[@]}")

if [ -z "$ARCHIVE" ] && [ -n "$TRAIN_FLAG" ] && { [ "$RETRAIN" = true ] || [ ! -s "$archive" ] || [ "$JAR" -nt "$archive" ]; }; then
  rm -f "$archive"
  ci/training-run.sh "$SERVICE" --java "$JAVA_BIN" --jar "$JAR" --port "$PORT" --log "$WORK_DIR/training-$SERVICE" \
    -- "${FLAGS[@]}" "$TRAIN_FLAG"
  [ -s "$archive" ] || die "the training run wrote no $archive (logs: $WORK_DIR/training-$SERVICE)"
  log "made $archive ($(du -h "$archive" | cut -f1))"
fi

label=$MODE
if [ "$C1" = true ]; then label+=+c1; fi
log "$SERVICE, mode $label: $WARMUP warm-up + $RUNS counted runs of: $JAVA_BIN ${FLAGS[*]} ${MODE_FLAGS[*]} -jar $JAR"
ready=() rss=()
logfile="$WORK_DIR/$SERVICE-run.log"
for ((run = 1 - WARMUP; run <= RUNS; run++)); do
  flags=("${FLAGS[@]}" "${MODE_FLAGS[@]}")
  if [ "$run" -eq $((1 - WARMUP)) ]; then flags+=("${VERIFY_FLAGS[@]}"); fi
  t0=$EPOCHREALTIME
  "$JAVA_BIN" "${flags[@]}" -jar "$JAR" >"$logfile" 2>&1 &
  PID=$!
  if wait_ready "$PORT" "$PID" "$t0" 60000; then :; else
    rc=$?
    tail -n 20 "$logfile" >&2
    if [ "$rc" = 1 ]; then PID=''; die "the service exited before it was ready (its output is above)"; fi
    die "not ready after 60 s (its output is above)"
  fi
  line="run $run: ready after $READY_MS ms (first answer after $LISTEN_MS ms)"
  if [ -n "$RSS_AFTER" ]; then
    nap "$RSS_AFTER"
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status")
    line+=", VmRSS $((kb / 1024)) MiB ${RSS_AFTER} s after ready"
  fi
  stop_pid "$PID"
  PID=''
  if [ "$run" -ge 1 ]; then
    ready+=("$READY_MS")
    if [ -n "$RSS_AFTER" ]; then rss+=("$((kb / 1024))"); fi
  else
    line="warm-up ${line#run * }"
  fi
  printf '%s\n' "$line"
done

stats() { # prints min, median and max of its arguments
  local sorted n median
  mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
  n=${#sorted[@]}
  if ((n % 2)); then median=${sorted[n / 2]}; else median=$(((sorted[n / 2 - 1] + sorted[n / 2]) / 2)); fi
  printf 'min=%s median=%s max=%s' "${sorted[0]}" "$median" "${sorted[n - 1]}"
}
summary="RESULT $SERVICE $label runs=$RUNS ready_ms $(stats "${ready[@]}")"
if [ -n "$RSS_AFTER" ]; then summary+=" rss_mib $(stats "${rss[@]}")"; fi
printf '%s\n' "$summary"
