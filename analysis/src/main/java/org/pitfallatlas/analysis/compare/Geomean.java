package org.pitfallatlas.analysis.compare;

/**
 * A Geomean summarises a section (rows of one metric and unit): the geometric mean of each column's
 * centers, and for each compared column the geometric mean of the per-row ratios.
 *
 * @param metric the metric
 * @param unit the unit
 * @param centers geometric mean of the centers, one per column
 * @param ratios geometric mean of the ratios, one per column after the first
 */
public record Geomean(String metric, String unit, double[] centers, double[] ratios) {}
