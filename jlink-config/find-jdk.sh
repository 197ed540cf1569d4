# Sourced by ./marginlab and jlink-config/build-image.sh: sets JDK_HOME to a JDK 25 or newer
# (JAVA_HOME first, then /usr/lib/jvm, then the java on PATH) or prints one line and fails.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }

find_jdk() {
  local c major
  for c in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
    [ -x "$c" ] || continue
    major="$(java_major "$c")"
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      JDK_HOME="$(cd "$(dirname "$c")/.." && pwd)"
      return 0
    fi
  done
  echo "marginlab: no JDK 25 or newer found (set JAVA_HOME or install one under /usr/lib/jvm)" >&2
  return 1
}
