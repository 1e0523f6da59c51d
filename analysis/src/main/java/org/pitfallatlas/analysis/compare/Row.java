package org.pitfallatlas.analysis.compare;

import java.util.List;
import java.util.Map;
import org.pitfallatlas.analysis.stats.Direction;

/**
 * A Row is one benchmark at one parameter point (and JVM configuration) for one metric, with a
 * column per input and a delta per column after the first.
 *
 * @param name the display name, e.g. {@code IntegerSum.fixIntArray/size=1000}
 * @param benchmark the benchmark (fully qualified method; for pairs, the class)
 * @param params the {@code @Param} values
 * @param config the JVM configuration id ({@code default} when none)
 * @param metric {@code time}, {@code throughput}, {@code p50}, {@code p99}, {@code p99.9} or a
 *     secondary metric name such as {@code gc.alloc.rate.norm}
 * @param unit the unit, e.g. {@code ns/op}
 * @param direction which way is better for this unit
 * @param columns one per input
 * @param deltas one per column after the first, against the first
 * @param warnings diagnostics for this row, each prefixed with the label of the column it is about
 *     ({@code "fixIntArray: only 1 fork: …"}), once per column and message
 */
public record Row(
    String name,
    String benchmark,
    Map<String, String> params,
    String config,
    String metric,
    String unit,
    Direction direction,
    List<Column> columns,
    List<Delta> deltas,
    List<String> warnings) {}
