#!/usr/bin/env bash
# Builds the project with the Maven wrapper and runs its tests: the jars the images, the operator
# and loadgen are made from.
#
# Usage: ci/build.sh [--skip-tests]
#   --skip-tests  package only (what ci/demo.sh does; the pipeline runs the tests)
#
# Needs a JDK 21 or newer on the PATH; the wrapper fetches Maven. Running it again rebuilds.
set -euo pipefail
SCRIPT=build
# shellcheck source=ci/lib/pipeline.sh
. "${BASH_SOURCE[0]%/*}/lib/pipeline.sh"

GOALS=(verify)
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-tests) GOALS=(package -DskipTests); shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (--help lists them)" ;;
  esac
done
need java
cd "${BASH_SOURCE[0]%/*}/.."
run ./mvnw -B "${GOALS[@]}"
shopt -s nullglob
jars=(apps/*/target/*.jar operator/target/chaoslab-operator.jar)
say "built: ${jars[*]}"
