#!/usr/bin/env bash
# Waits until ChaosExperiments are Complete, reads each one's verdict and writes them as JUnit XML,
# one testcase per experiment: its time is the experiment's worst recovery
# (status.recovery.maxSeconds, 0 when nothing was measured), its output the recovery timeline, and
# a <failure> (message, timeline) when the verdict is not Passed or the experiment did not finish
# in time. Jenkins' junit step then shows pass/fail per experiment with its recovery time.
#
# Usage: ci/wait-and-report.sh [options] (NAME... | --all)
#   -n, --namespace NS  the experiments' namespace (default: $CHAOSLAB_NAMESPACE, else shop)
#   --timeout DURATION  how long to wait for all of them together: 90, 90s, 15m, 1h (default 15m)
#   --junit FILE        the JUnit XML to write (default: $CHAOSLAB_ARTIFACTS/chaos-junit.xml,
#                       CHAOSLAB_ARTIFACTS defaulting to ci-artifacts)
#   --all               every ChaosExperiment in the namespace
#
# Exit status: 0 every experiment Passed; 1 one or more Failed, Error or not Complete in time (the
# XML is written in every case); 2 it could not run (bad usage, kubectl missing, none found).
# Talks to the cluster of the current kubeconfig (KUBECONFIG) through kubectl, waiting with
# `kubectl wait --for=condition=Complete`. Running it again rewrites the same file.
set -euo pipefail
SCRIPT=wait-and-report
# shellcheck source=ci/lib/pipeline.sh
. "${BASH_SOURCE[0]%/*}/lib/pipeline.sh"

NAMESPACE=$CHAOSLAB_NAMESPACE TIMEOUT=15m JUNIT="$CHAOSLAB_ARTIFACTS/chaos-junit.xml" ALL=false
NAMES=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n | --namespace) NAMESPACE=${2:?--namespace needs a value}; shift 2 ;;
    --timeout) TIMEOUT=${2:?--timeout needs a value}; shift 2 ;;
    --junit) JUNIT=${2:?--junit needs a file}; shift 2 ;;
    --all) ALL=true; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) die "unknown option '$1' (--help lists them)" ;;
    *) NAMES+=("$1"); shift ;;
  esac
done
need kubectl
TOTAL=$(seconds "$TIMEOUT") || die "--timeout '$TIMEOUT' is not a duration (90, 90s, 15m, 1h)"
if [ "$ALL" = true ]; then
  [ ${#NAMES[@]} -eq 0 ] || die "name experiments or pass --all, not both"
  listed=$(kubectl get chaosexperiments -n "$NAMESPACE" \
    -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}') ||
    die "cannot list the ChaosExperiments in namespace $NAMESPACE (kubectl's error above)"
  mapfile -t NAMES < <(printf '%s' "$listed" | sed '/^$/d')
  [ ${#NAMES[@]} -gt 0 ] || die "no ChaosExperiment in namespace $NAMESPACE"
fi
[ ${#NAMES[@]} -gt 0 ] || die "no experiment to wait for: name them or pass --all (--help)"

# xml TEXT: TEXT escaped for an element or an attribute, without the control characters XML 1.0
# forbids. (Quoted replacements: bash 5.2 would otherwise read '&' as the matched text.)
xml() {
  local s
  s=$(printf '%s' "$1" | tr -d '\000-\010\013\014\016-\037')
  s=${s//&/"&amp;"}
  s=${s//</"&lt;"}
  s=${s//>/"&gt;"}
  s=${s//\"/"&quot;"}
  printf '%s' "$s"
}
# attr TEXT: as xml, with line breaks kept as character references (an attribute's raw newline
# reads back as a space).
attr() {
  local s
  s=$(xml "$1")
  s=${s//$'\n'/"&#10;"}
  printf '%s' "$s"
}

FIELDS='{.status.phase}|{.status.conditions[?(@.type=="Succeeded")].status}|{.status.conditions[?(@.type=="Succeeded")].reason}|{.status.recovery.maxSeconds}|{.status.recovery.meanSeconds}|{.status.target}'

DEADLINE=$((SECONDS + TOTAL))
CASES='' FAILURES=0 SUITE_TIME=0
for name in "${NAMES[@]}"; do
  left=$((DEADLINE - SECONDS))
  [ "$left" -ge 1 ] || left=1 # past the deadline, still look once: it may have finished meanwhile
  say "waiting up to ${left}s for chaosexperiment/$name in $NAMESPACE to be Complete"
  if waited=$(kubectl wait --for=condition=Complete --timeout="${left}s" -n "$NAMESPACE" \
    "chaosexperiment/$name" 2>&1); then
    complete=true
  else
    complete=false
  fi
  phase='' succeeded='' reason='' max='' mean='' target='' message='' timeline=''
  if fields=$(kubectl get chaosexperiment "$name" -n "$NAMESPACE" -o jsonpath="$FIELDS" 2>&1); then
    IFS='|' read -r phase succeeded reason max mean target <<<"$fields"
    message=$(kubectl get chaosexperiment "$name" -n "$NAMESPACE" -o jsonpath='{.status.message}')
    timeline=$(chaos_timeline "$name" "$NAMESPACE")
  else
    message=$fields
  fi
  recovery=${max:-0}
  summary="phase ${phase:-none} (${reason:-no reason yet}), target ${target:-unknown}, recovery max ${max:-n/a} s, mean ${mean:-n/a} s"
  failure=''
  if [ "$complete" = true ] && [ "$phase" = Passed ] && [ "$succeeded" = True ]; then
    say "$name: Passed: $message"
  else
    FAILURES=$((FAILURES + 1))
    if [ "$complete" = true ]; then
      type=${reason:-${phase:-Unknown}}
      failure="${phase:-no phase} ($type): $message"
    elif [[ "$waited" == *"timed out"* ]]; then
      type=NotComplete
      failure="not Complete after waiting ${TOTAL}s in all (--timeout $TIMEOUT): phase ${phase:-none} so far${message:+, \"$message\"}"
    else
      type=WaitFailed
      failure="kubectl wait failed: $waited"
    fi
    warn "$name: $failure"
  fi
  [ -z "$timeline" ] || printf '%s\n' "$timeline" | sed 's/^/    /'
  CASES+="    <testcase classname=\"chaos.$(attr "$NAMESPACE")\" name=\"$(attr "$name")\" time=\"$recovery\">"$'\n'
  if [ -n "$failure" ]; then
    CASES+="      <failure message=\"$(attr "$failure")\" type=\"$(attr "$type")\">$(xml "$failure"$'\n'"$timeline")</failure>"$'\n'
  fi
  CASES+="      <system-out>$(xml "$summary"$'\n'"$message"$'\n'"$timeline")</system-out>"$'\n'
  CASES+="    </testcase>"$'\n'
  SUITE_TIME=$(awk -v a="$SUITE_TIME" -v b="$recovery" 'BEGIN { printf "%.3f", a + b }')
done

mkdir -p "$(dirname "$JUNIT")"
{
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'
  printf '  <testsuite name="chaos.%s" tests="%d" failures="%d" errors="0" skipped="0" time="%s" timestamp="%s">\n' \
    "$(attr "$NAMESPACE")" "${#NAMES[@]}" "$FAILURES" "$SUITE_TIME" "$(date -u +%Y-%m-%dT%H:%M:%S)"
  printf '%s' "$CASES"
  printf '  </testsuite>\n</testsuites>\n'
} >"$JUNIT.tmp"
mv "$JUNIT.tmp" "$JUNIT"
say "wrote $JUNIT: ${#NAMES[@]} experiment(s), $FAILURES not Passed"
[ "$FAILURES" -eq 0 ]
