#!/usr/bin/env bash
# Stub-threshold study: quick budget with/without CompileThresholdScaling on JMH stubs vs a long run.
J=${JAVA:-java}; B=$(realpath "${BENCHMARKS_JAR:-benchmarks/target/benchmarks.jar}")
H="-Xms128m -Xmx128m -XX:+AlwaysPreTouch"; S="-XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,*::*jmhStub,0.01"
OUT=${OUT:-.}; mkdir -p "$OUT"; cd "$OUT"
i=0
for b in "boxing.EscapeAnalysis.fixNoEscape -p points=100" "boxing.IntegerCache.fixPrimitive -p maxValue=1023" "presize.FilterCollect.fixPresizeToInputLength -p selectivity=0.01" "presize.ListAppend.fixPresized -p size=10000" "boxing.IntegerSum.pitfallObjectArray -p size=10000" "strings.StringFormat.fixConcat -p nameLength=8"; do
  i=$((i+1))
  $J --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar "$B" $b -f 5 -wi 2 -w 200ms -i 8 -r 100ms -jvmArgsPrepend "$H" -rf json -rff p$i-quick.json > p$i-quick.log 2>&1
  $J --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar "$B" $b -f 5 -wi 2 -w 200ms -i 8 -r 100ms -jvmArgsPrepend "$H $S" -rf json -rff p$i-scaled.json > p$i-scaled.log 2>&1
  $J --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar "$B" $b -f 5 -wi 5 -w 1s -i 5 -r 1s -jvmArgsPrepend "$H" -rf json -rff p$i-long.json > p$i-long.log 2>&1
  echo "done $i $b"
done
