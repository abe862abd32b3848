#!/usr/bin/env bash
# Checks that the tools the pipeline runs are on the PATH (and that Docker's engine answers, and
# Java is 21 or newer), says exactly which are missing and where to get them, and prints the
# versions found.
#
# Usage: ci/prerequisites.sh [TOOL...]
#   TOOL  any of docker kind kubectl helm java (default: all five)
#
# Exit status: 0 all there; 2 something is missing (each missing tool is named).
set -euo pipefail
SCRIPT=prerequisites
# shellcheck source=ci/lib/pipeline.sh
. "${BASH_SOURCE[0]%/*}/lib/pipeline.sh"

TOOLS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    docker | kind | kubectl | helm | java) TOOLS+=("$1"); shift ;;
    *) die "unknown option or tool '$1' (--help lists them)" ;;
  esac
done
[ ${#TOOLS[@]} -gt 0 ] || TOOLS=(docker kind kubectl helm java)

need "${TOOLS[@]}"
for tool in "${TOOLS[@]}"; do
  case "$tool" in
    docker)
      need_docker_engine
      say "docker: engine $(docker info --format '{{.ServerVersion}}')" ;;
    kind) say "kind: $(kind version)" ;;
    kubectl) say "kubectl: $(kubectl version --client 2>/dev/null | head -n 1)" ;;
    helm) say "helm: $(helm version --short)" ;;
    java)
      version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
      [ "${version%%.*}" -ge 21 ] 2>/dev/null ||
        die "java on the PATH is version '${version:-unknown}'; the build needs 21 or newer (set JAVA_HOME and PATH)"
      say "java: $version ($(command -v java))" ;;
  esac
done
say "all there: ${TOOLS[*]}"
