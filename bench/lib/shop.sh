# shellcheck shell=bash
# The shop as separate processes on loopback, for the bench scripts: PostgreSQL (the devstack's,
# synchronous_commit on) and the three services as JVMs, driven by loadgen. Source it from the
# repository's root, set `out` (results directory; default a new temporary one), `jvm_opts`
# (extra service JVM flags; %n in them becomes the service's name) and `loadgen_opts` (extra JVM
# flags of loadgen), then call start_shop.

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
DB_PORT=45432 ORDER_PORT=45000 INVENTORY_PORT=45001 NOTIFICATION_PORT=45002
# The same JVM settings as the images, with the heap they get under the example ShopStack's 512Mi
# limit (MaxRAMPercentage=75), fixed so runs compare. With 256 MB the order service's old
# generation filled at 1000 orders/s: concurrent marking every few seconds and an evacuation
# failure, each a stall on two busy cores.
JVM_FLAGS=(-Xms384m -Xmx384m -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}

start_shop() {
  "$JAVA" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])' || die "needs Java 21+: set JAVA_HOME"
  local jar
  for jar in apps/devstack/target/devstack.jar apps/loadgen/target/loadgen.jar \
    apps/order-service/target/order-service.jar apps/inventory-service/target/inventory-service.jar \
    apps/notification-service/target/notification-service.jar; do
    [ -f "$jar" ] || die "$jar is missing: run ./mvnw -B -q package -DskipTests first"
  done
  for port in "$DB_PORT" "$ORDER_PORT" "$INVENTORY_PORT" "$NOTIFICATION_PORT"; do
    ! curl -s -o /dev/null "http://localhost:$port/" || die "port $port is in use: stop what runs there"
  done
  out="${out:-$(mktemp -d /tmp/chaoslab-bench.XXXXXX)}"
  mkdir -p "$out"
  read -r -a extra_flags <<<"${jvm_opts:-}"
  read -r -a loadgen_flags <<<"${loadgen_opts:-}"
  trap cleanup EXIT

  log "results and logs in $out"
  log "starting PostgreSQL (devstack --database-only, port $DB_PORT)"
  "$JAVA" -jar apps/devstack/target/devstack.jar --database-only --db-port "$DB_PORT" \
    --log-level WARN >"$out/database.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do grep -q 'devstack is up' "$out/database.log" && break; sleep 0.2; done
  grep -q 'devstack is up' "$out/database.log" || die "PostgreSQL did not start: see $out/database.log"
  DB_URL="jdbc:postgresql://localhost:$DB_PORT/postgres"
  postmaster=$(pgrep -f "postgres -D .* -p $DB_PORT" | head -1)

  start_service inventory "$INVENTORY_PORT" apps/inventory-service/target/inventory-service.jar
  start_service notification "$NOTIFICATION_PORT" apps/notification-service/target/notification-service.jar
  start_service order "$ORDER_PORT" apps/order-service/target/order-service.jar \
    INVENTORY_URL="http://localhost:$INVENTORY_PORT" NOTIFICATION_URL="http://localhost:$NOTIFICATION_PORT"
}

start_service() { # name port main-jar [env...]
  local name=$1 port=$2 jar=$3; shift 3
  log "starting $name on port $port"
  env PORT="$port" DATABASE_URL="$DB_URL" LOG_LEVEL=WARN SHUTDOWN_DRAIN_MS=0 "$@" \
    "$JAVA" "${JVM_FLAGS[@]}" "${extra_flags[@]//%n/$name}" -jar "$jar" >"$out/$name.log" 2>&1 &
  pids+=($!)
  eval "${name}_pid=$!"
  for _ in $(seq 1 300); do
    curl -fs "http://localhost:$port/ready" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "$name did not become ready: see $out/$name.log"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() {
  local total=0 pid
  for pid in "$postmaster" $(pgrep -P "$postmaster"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
peak_rss_mb() { awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
rss_mb() { awk '/VmRSS/ {printf "%d\n", $2 / 1024}' "/proc/$1/status"; }
# shellcheck disable=SC2154 # the *_pid variables are set by start_service through eval
service_pids() { echo "$order_pid $inventory_pid $notification_pid"; }

loadgen() { # rate duration file [extra loadgen options]; loadgen's own CPU time goes to file.cpu
  local rate=$1 time=$2 file=$3; shift 3
  (
    rc=0
    "$JAVA" -Xmx256m "${loadgen_flags[@]}" -jar apps/loadgen/target/loadgen.jar --url "http://localhost:$ORDER_PORT" \
      --inventory-url "http://localhost:$INVENTORY_PORT" --rate "$rate" --duration "$time" \
      --json --quiet "$@" >"$file" 2>>"$out/loadgen.log" || rc=$?
    times >"$file.cpu" # line 2: user and system time of this subshell's children, i.e. loadgen
    exit "$rc"
  )
}

# A cold JVM runs at a fraction of its speed: loadgen's warm-up ramps up, so the warm-up itself
# does not overload the shop (an overloaded shop times out, and its leftovers would disturb the
# measured runs).
warm_up() { # duration [peak rate, default 900]: ends at the rate the runs will ask for
  local peak=${2:-900}
  log "warming up the JITs: a ramp up to $peak orders/s over $1, then 30 s at that rate"
  loadgen "$peak" 30s "$out/warmup.json" --warmup "$1" --no-ledger || true
}

settle() { # until the outbox is empty: no background work left over from the previous run
  local pending
  for _ in $(seq 1 120); do
    pending=$(curl -fs "http://localhost:$ORDER_PORT/metrics" | awk '/^notification_outbox_pending/ {print int($2)}')
    [ "${pending:-1}" = 0 ] && return 0
    sleep 0.5
  done
  log "warning: $pending notifications still pending after 60 s"
}
