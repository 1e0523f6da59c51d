#!/bin/bash
# usage: [CP=classpath] jmhrun.sh OUTPREFIX <jmh args...>
# Waits for the JMH lock (another helper's run) instead of ignoring it.
out=$1; shift
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
if [ -n "$CP" ]; then launch=(-cp "$CP" org.openjdk.jmh.Main); else launch=(-jar /work/wt-observe/benchmarks/target/benchmarks.jar); fi
for i in $(seq 1 600); do
  timeout 400 $J --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED "${launch[@]}" "$@" > $out.txt 2>&1
  rc=$?
  if grep -q 'Unable to acquire the JMH lock' $out.txt; then sleep 0.5; continue; fi
  echo "rc=$rc tries=$i" >> $out.txt; exit $rc
done
echo "gave up waiting for lock" >> $out.txt; exit 9
