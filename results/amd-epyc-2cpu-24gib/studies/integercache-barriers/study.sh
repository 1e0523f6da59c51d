#!/usr/bin/env bash
# What IntegerCache's and EscapeAnalysis's time ratios are made of: SuperWord vectorisation,
# G1's post-write barrier, and the box itself. Run from the checkout after scripts/atlas has built
# benchmarks/target/benchmarks.jar; prints JMH's summary lines per configuration (~6 min).
set -euo pipefail
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-benchmarks/target/benchmarks.jar}
# The same fork flags the runner gives every fork (forkHeapArgs + stubCompileArgs in env.json).
BASE="-Xms128m -Xmx128m -XX:+AlwaysPreTouch -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,*::*jmhStub,0.01"
run() { # $1 = benchmark regexp, $2 = extra JVM flags, $3.. = JMH options
  local bench=$1 flags=$2; shift 2
  "$JAVA" -jar "$JAR" "$bench" -f 3 -wi 2 -w 200ms -i 5 -r 200ms "$@" \
    -jvmArgsPrepend "$BASE $flags" 2>&1 | grep -E "^(IntegerCache|EscapeAnalysis)\." | sed "s/^/[${flags:-default}] /"
}
for flags in "" "-XX:-UseSuperWord"; do run IntegerCache "$flags"; done
for flags in "-XX:+UseParallelGC" "-XX:+UseParallelGC -XX:-UseSuperWord" "-XX:+UseSerialGC"; do
  run IntegerCache "$flags" -p maxValue=127,65535
done
for flags in "" "-XX:-UseSuperWord"; do run EscapeAnalysis "$flags"; done
