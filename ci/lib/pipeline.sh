# shellcheck shell=bash
# Helpers shared by the pipeline's scripts (sourced, not run). Each script sets SCRIPT to its own
# name first, so every line it prints says which stage printed it.

: "${SCRIPT:=pipeline}"

# Defaults every stage agrees on; each can be overridden from the environment (a Jenkins
# `environment {}` block, or a shell) or with the scripts' options.
: "${CHAOSLAB_CLUSTER:=chaoslab}"
: "${CHAOSLAB_NAMESPACE:=shop}"
: "${CHAOSLAB_ARTIFACTS:=ci-artifacts}"

say() { printf '%s: %s\n' "$SCRIPT" "$*"; }
warn() { printf '%s: %s\n' "$SCRIPT" "$*" >&2; }
# die: the script could not do its job (bad usage, a missing tool, a failed step): exit 2, so a
# caller tells it apart from exit 1, "ran, and the verdict is not Passed".
die() { printf '%s: %s\n' "$SCRIPT" "$*" >&2; exit 2; }
run() { printf '+ %s\n' "$*"; "$@"; }

# usage: prints the script's header comment (line 2 up to `set -euo pipefail`).
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

# need TOOL...: dies naming every missing tool at once, with where to get it.
need() {
  local tool missing=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local hints=''
  for tool in "${missing[@]}"; do
    case "$tool" in
      docker) hints+=$'\n'"  docker:  https://docs.docker.com/engine/install/ (a running engine, BuildKit)" ;;
      kind) hints+=$'\n'"  kind:    https://kind.sigs.k8s.io/docs/user/quick-start/#installation" ;;
      kubectl) hints+=$'\n'"  kubectl: https://kubernetes.io/docs/tasks/tools/" ;;
      helm) hints+=$'\n'"  helm:    https://helm.sh/docs/intro/install/ (v3.8 or newer)" ;;
      java) hints+=$'\n'"  java:    a JDK 21 or newer on the PATH (e.g. Eclipse Temurin)" ;;
      *) hints+=$'\n'"  $tool" ;;
    esac
  done
  die "missing on the PATH: ${missing[*]}${hints}"
}

# need_docker_engine: docker is installed *and* answers (a CI agent often has the CLI only).
need_docker_engine() {
  need docker
  local error
  if ! error=$(docker info --format '{{.ServerVersion}}' 2>&1 >/dev/null); then
    die "cannot reach a Docker engine: 'docker info' says: $(printf '%s' "$error" | head -n 1)"
  fi
}

# seconds DURATION: 90, 90s, 5m or 1h -> whole seconds; fails on anything else.
seconds() {
  [[ "$1" =~ ^([0-9]+)([smh]?)$ ]] || return 1
  case "${BASH_REMATCH[2]}" in
    h) printf '%d\n' $((10#${BASH_REMATCH[1]} * 3600)) ;;
    m) printf '%d\n' $((10#${BASH_REMATCH[1]} * 60)) ;;
    *) printf '%d\n' $((10#${BASH_REMATCH[1]})) ;;
  esac
}

# project_version: the Maven project version (the default image tag, as in ci/build-images.sh).
project_version() {
  local root="${BASH_SOURCE[0]%/*}/../.."
  sed -n 's#^  <version>\(.*\)</version>$#\1#p' "$root/pom.xml" | head -n 1
}

# chaos_timeline NAME NAMESPACE: a ChaosExperiment's kills from its status, one readable line each.
# kubectl prints the fields split by '|' (no field holds one; tabs would not do: read folds
# consecutive tabs, and a field is empty while the replacement is not there yet).
chaos_timeline() {
  local round pod killed refused replacement ready serving recovery
  kubectl get chaosexperiment "$1" -n "$2" -o jsonpath='{range .status.kills[*]}{.round}|{.pod}|{.killedAt}|{.refused}|{.replacement}|{.readyAt}|{.servingAt}|{.recoverySeconds}{"\n"}{end}' |
    while IFS='|' read -r round pod killed refused replacement ready serving recovery; do
      if [ -n "$refused" ]; then
        printf 'round %s: %s not killed: %s\n' "$round" "$pod" "$refused"
      elif [ -n "$recovery" ]; then
        printf 'round %s: %s killed at %s; replacement %s Ready at %s, serving at %s; recovered in %s s\n' \
          "$round" "$pod" "$killed" "${replacement:-?}" "${ready:-?}" "${serving:-?}" "$recovery"
      else
        printf 'round %s: %s killed at %s; replacement %s, not Ready (yet)\n' \
          "$round" "$pod" "$killed" "${replacement:-not created}"
      fi
    done
}
