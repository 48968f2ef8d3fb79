# Shared helpers for the scripts in bin/. Source it; it defines functions only.

# The major version of a java binary ("1.8.0_x" counts as 1, "25.0.1" and "25-ea" as 25).
_bw_java_major() {
  local version
  version="$("$1" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')" || return 1
  version="${version%%[!0-9]*}"
  [[ -n "$version" ]] || return 1
  printf '%s\n' "$version"
}

# Prints the path of a JDK >= 25: $JAVA_HOME if it is one, else the first /usr/lib/jvm/*
# that is one. Fails with a message on stderr when there is none.
bw_java_home() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
    major="$(_bw_java_major "$candidate/bin/java")" || continue
    if (( major >= 25 )); then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  echo "No JDK 25 or newer found (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm/*). Install one, e.g. temurin-25-jdk, or set JAVA_HOME to it." >&2
  return 1
}
