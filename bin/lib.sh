# Shared by the bin/ scripts (sourced, not run).

# Prints the home of a JDK >= 25: $JAVA_HOME if it is new enough, else the newest one under
# /usr/lib/jvm. Fails with a clear message when there is none.
bw_java_home() {
  local candidate
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(bw_java_major "$candidate/bin/java")" -ge 25 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "No JDK 25 or newer found (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm)." >&2
  echo "Install one (for example Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}

bw_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1
}

# Exports JAVA_HOME for the build and the programs it starts.
bw_use_java() {
  JAVA_HOME="$(bw_java_home)" || exit 1
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}

bw_root() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd
}
