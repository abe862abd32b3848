# shellcheck shell=bash
# Helpers shared by ci/startup-time.sh and ci/training-run.sh (sourced, not run): plain HTTP/1.0
# over bash's /dev/tcp, so polling a starting service costs no fork and no curl (the image build's
# training run has neither curl nor wget).

# The JVM flags of the images' ENTRYPOINT, less the AOT cache (ci/build-images.sh checks that the
# Dockerfiles use exactly these).
# shellcheck disable=SC2034 # used by the scripts that source this file
IMAGE_JVM_FLAGS=(-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -XX:+ErrorFileToStderr)

# service_name NAME -> order | inventory | notification (also accepts order-service, ...)
service_name() {
  case "${1%-service}" in
    order | inventory | notification) printf '%s\n' "${1%-service}" ;;
    *) return 1 ;;
  esac
}

# http PORT METHOD PATH [BODY] -> prints the status code; fails when nothing answers.
http() {
  local port=$1 method=$2 path=$3 body=${4:-} line request
  request="$method $path HTTP/1.0"$'\r\n'"Host: localhost"$'\r\n'
  if [ -n "$body" ]; then
    request+="Content-Type: application/json"$'\r\n'"Content-Length: ${#body}"$'\r\n'
    request+="Idempotency-Key: training-run"$'\r\n'
  fi
  request+=$'\r\n'"$body"
  { printf '%s' "$request" >&3 && IFS= read -r -t 5 line <&3; } 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  line=${line#* }
  printf '%s\n' "${line%% *}"
}

# port_open HOST PORT: something accepts connections there.
port_open() { { : >&3; } 2>/dev/null 3<>"/dev/tcp/$1/$2"; }

# Whole milliseconds between two $EPOCHREALTIME values (microsecond resolution, no fork).
elapsed_ms() {
  local a=${1/./} b=${2/./}
  printf '%d\n' $(((10#$b - 10#$a) / 1000))
}

# nap SECONDS: sleeps without forking (read -t on a pipe nobody writes to).
exec {SHOP_HTTP_SLEEP_FD}<> <(:)
nap() { read -r -t "$1" -u "$SHOP_HTTP_SLEEP_FD" || true; }

# wait_ready PORT PID T0 TIMEOUT_MS: polls GET /ready every 10 ms until it answers 200.
# Sets READY_MS and LISTEN_MS (the first answer of any kind), both counted from T0 (an
# $EPOCHREALTIME). Returns 1 when the process exits first, 2 after TIMEOUT_MS.
wait_ready() {
  local port=$1 pid=$2 t0=$3 timeout_ms=$4 status now
  LISTEN_MS=''
  READY_MS=''
  while true; do
    if status=$(http "$port" GET /ready); then
      now=$EPOCHREALTIME
      [ -n "$LISTEN_MS" ] || LISTEN_MS=$(elapsed_ms "$t0" "$now")
      if [ "$status" = 200 ]; then
        READY_MS=$(elapsed_ms "$t0" "$now")
        return 0
      fi
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$(elapsed_ms "$t0" "$EPOCHREALTIME")" -le "$timeout_ms" ] || return 2
    nap 0.01
  done
}

# stop_pid PID [SECONDS]: SIGTERM, then waits up to SECONDS (default 20; SIGKILL after that) and
# reaps it.
stop_pid() {
  local pid=$1 limit=$((${2:-20} * 50)) waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && ((waited++ < limit)); do nap 0.02; done
  if kill -0 "$pid" 2>/dev/null; then
    printf 'pid %s still running %s s after SIGTERM, killing it\n' "$pid" "${2:-20}" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# exercise SERVICE PORT: the requests a training run makes once the service is ready, so the
# archive also holds what the first real requests load (JSON in and out, errors, metrics).
exercise() {
  local service=$1 port=$2
  http "$port" GET /health >/dev/null || true
  http "$port" GET /metrics >/dev/null || true
  http "$port" GET /no-such-path >/dev/null || true
  case "$service" in
    order)
      http "$port" POST /orders '{"productId": "keyboard", "quantity": 1, "customerEmail": "training@example.com"}' >/dev/null || true
      http "$port" POST /orders '{"productId": "keyboard", "quantity": "x"}' >/dev/null || true
      ;;
    inventory)
      http "$port" GET /products >/dev/null || true
      http "$port" GET /products/keyboard >/dev/null || true
      ;;
    notification)
      http "$port" POST /notifications '{"id": "training-run", "orderId": "training-order", "customerEmail": "training@example.com", "message": "training"}' >/dev/null || true
      http "$port" GET /notifications >/dev/null || true
      ;;
  esac
  http "$port" GET /ready >/dev/null || true
}
