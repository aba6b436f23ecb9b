# Sourced by ./vantage and .ci/run: exports JAVA_HOME pointing at a JDK 25 or newer, or exits with advice.
vantage_jdk_ok() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | head -1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; }
if [ -n "${JAVA_HOME:-}" ] && vantage_jdk_ok "$JAVA_HOME"; then :
else
  found=""
  for c in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if vantage_jdk_ok "$c"; then found="$c"; break; fi
  done
  if [ -z "$found" ]; then
    echo "vantage: no JDK 25 found (JAVA_HOME='${JAVA_HOME:-}' and nothing under /usr/lib/jvm)." >&2
    echo "vantage: install a JDK 25 (e.g. Temurin 25) and set JAVA_HOME to it." >&2
    exit 1
  fi
  export JAVA_HOME="$found"
fi
