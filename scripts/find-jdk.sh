# Sourced by ./densekit and ./run-tests: finds a JDK >= 25 and exports JAVA_HOME.
# Order: $JAVA_HOME if it is >= 25, then `java` on PATH, then the standard install folders.
# Prints what to install and returns 1 when none is found.

densekit_java_major() {
  # Major version of the java binary $1, or nothing.
  "$1" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

densekit_is_jdk25() {
  local home=$1 v
  [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  v=$(densekit_java_major "$home/bin/java")
  [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null
}

densekit_find_jdk() {
  local c
  if densekit_is_jdk25 "${JAVA_HOME:-}"; then echo "$JAVA_HOME"; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    c=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if densekit_is_jdk25 "$c"; then echo "$c"; return 0; fi
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if densekit_is_jdk25 "$c"; then echo "$c"; return 0; fi
  done
  return 1
}

if DENSEKIT_JDK=$(densekit_find_jdk); then
  export JAVA_HOME="$DENSEKIT_JDK"
else
  {
    echo "densekit: no JDK >= 25 found."
    echo "  Looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), javac on PATH, /usr/lib/jvm/*, /opt/java/*, ~/.sdkman, ~/.jdks."
    echo "  Install one, e.g. Temurin 25 (apt-get install temurin-25-jdk from the Adoptium repository),"
    echo "  or point JAVA_HOME at a JDK 25 or newer."
  } >&2
  return 1 2>/dev/null || exit 1
fi
