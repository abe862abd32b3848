#!/usr/bin/env bash
# One training run of a ChaosLab service, for class-data sharing: starts the service with the
# given JVM flags (which name the archive to write, e.g. -XX:AOTCacheOutput=FILE or
# -XX:ArchiveClassesAtExit=FILE), waits for GET /ready to answer 200, makes a few typical
# requests, then stops it with SIGTERM; the JVM writes the archive as it exits.
#
# Usage: ci/training-run.sh SERVICE [options] -- JVM_FLAG...
#   SERVICE            order | inventory | notification (or order-service, ...)
#   --java PATH        the java to train with; the archive only fits this runtime (default: java)
#   --jar PATH         the service jar; the archive only fits this jar at this path
#                      (default apps/<svc>-service/target/<svc>-service.jar)
#   --port N           the port the service listens on during training (default 27100)
#   --devstack JAR     start this devstack jar first (with $JAVA_HOME/bin/java, else java from the
#                      PATH; on ports 27000-27003)
#                      and point the service at its PostgreSQL and inventory; stopped at the end.
#                      Without it the environment must already say where they are (DATABASE_URL,
#                      INVENTORY_URL, ...), as ci/startup-time.sh sets it up.
#   --check FLAGS      afterwards, start once more with FLAGS (one string, e.g.
#                      "-XX:AOTCache=FILE -XX:AOTMode=on") and wait for ready: proves the archive
#                      is usable by this runtime, jar and flags
#   --log DIR          where the runs' output goes (default: a temporary directory)
#
# Used by the Dockerfiles (the image ships the AOT cache it makes) and by ci/startup-time.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=ci/lib/shop-http.sh
. "$here/lib/shop-http.sh"

die() { printf 'training-run: %s\n' "$*" >&2; exit 1; }
log() { printf 'training-run: %s\n' "$*" >&2; }

[ $# -ge 1 ] || die "usage: ci/training-run.sh SERVICE [options] -- JVM_FLAG... (see the header of $0)"
SERVICE=$(service_name "$1") || die "unknown service '$1' (order, inventory or notification)"
shift
JAVA_BIN=java JAR="apps/$SERVICE-service/target/$SERVICE-service.jar" PORT=27100 DEVSTACK='' CHECK='' LOG_DIR=''
while [ $# -gt 0 ]; do
  case "$1" in
    --java) JAVA_BIN=${2:?}; shift 2 ;;
    --jar) JAR=${2:?}; shift 2 ;;
    --port) PORT=${2:?}; shift 2 ;;
    --devstack) DEVSTACK=${2:?}; shift 2 ;;
    --check) CHECK=${2:?}; shift 2 ;;
    --log) LOG_DIR=${2:?}; shift 2 ;;
    --) shift; break ;;
    *) die "unknown option '$1'" ;;
  esac
done
[ $# -gt 0 ] || die "no JVM flags after --: nothing would write an archive"
[ -f "$JAR" ] || die "$JAR not found"
command -v "$JAVA_BIN" >/dev/null || die "$JAVA_BIN not found"
if [ -z "$LOG_DIR" ]; then LOG_DIR=$(mktemp -d); fi
mkdir -p "$LOG_DIR"

DEVSTACK_PID='' SERVICE_PID=''
cleanup() {
  if [ -n "$SERVICE_PID" ]; then stop_pid "$SERVICE_PID"; fi
  if [ -n "$DEVSTACK_PID" ]; then stop_pid "$DEVSTACK_PID"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export PORT LOG_LEVEL="${LOG_LEVEL:-WARN}" SHUTDOWN_DRAIN_MS=0 SHUTDOWN_TIMEOUT_MS=2000

if [ -n "$DEVSTACK" ]; then
  [ -f "$DEVSTACK" ] || die "$DEVSTACK not found"
  log "starting the devstack (PostgreSQL on 27003, inventory on 27001) for the training run"
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$DEVSTACK" --order-port 27000 --inventory-port 27001 --notification-port 27002 \
    --db-port 27003 --log-level WARN >"$LOG_DIR/devstack.log" 2>&1 &
  DEVSTACK_PID=$!
  t0=$EPOCHREALTIME
  if ! wait_ready 27001 "$DEVSTACK_PID" "$t0" 120000; then
    cat "$LOG_DIR/devstack.log" >&2
    die "the devstack did not come up (its output is above)"
  fi
  export DATABASE_URL=jdbc:postgresql://localhost:27003/postgres DATABASE_USER=postgres DATABASE_PASSWORD=''
  export INVENTORY_URL=http://localhost:27001 NOTIFICATION_URL=http://localhost:27002
fi

# run_once LOGNAME FLAG...: start, wait for ready (or die), then the caller decides.
run_once() {
  local logfile="$LOG_DIR/$1"
  shift
  local t0=$EPOCHREALTIME
  "$JAVA_BIN" "$@" -jar "$JAR" >"$logfile" 2>&1 &
  SERVICE_PID=$!
  if ! wait_ready "$PORT" "$SERVICE_PID" "$t0" 120000; then
    tail -n 30 "$logfile" >&2
    die "$SERVICE did not get ready (its output is above, all of it in $logfile)"
  fi
}

log "training $SERVICE: $JAVA_BIN $* -jar $JAR"
run_once training.log "$@"
log "ready after $READY_MS ms; a few requests, then SIGTERM (the archive is written on exit)"
exercise "$SERVICE" "$PORT"
stop_pid "$SERVICE_PID" 600 # -XX:AOTCacheOutput assembles the cache while the JVM exits
SERVICE_PID=''

if [ -n "$CHECK" ]; then
  read -r -a check_flags <<<"$CHECK"
  log "checking the archive: $JAVA_BIN ${check_flags[*]} -jar $JAR"
  run_once check.log "${check_flags[@]}"
  log "ready after $READY_MS ms with the archive"
  stop_pid "$SERVICE_PID"
  SERVICE_PID=''
fi
