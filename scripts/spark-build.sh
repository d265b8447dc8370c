# Sourced by ./spark-demo and ./spark-scaling: builds the spark module (Spark comes from Maven
# Central on the first run) and sets spark_cp (its classes and compile class path) and spark_flags
# (the flags Spark's own launcher would add: the Vector API and native access among them).
# Expects $root (the repository root) and $JAVA_HOME (scripts/find-jdk.sh); $1 names the caller.
spark_log=$(mktemp)
if ! ./mvnw -B -ntp -q -DskipTests package dependency:build-classpath -pl spark -am \
    -Dmdep.includeScope=compile -Dmdep.outputFile=target/classpath.txt >"$spark_log" 2>&1; then
  cat "$spark_log" >&2
  rm -f "$spark_log"
  echo "$1: the build failed (its output is above)" >&2
  exit 1
fi
rm -f "$spark_log"
read -r -a spark_flags < "$root/spark/target/classes/io/densekit/spark/jvm-options.txt"
spark_cp="$root/spark/target/classes:$(cat "$root/spark/target/classpath.txt")"
