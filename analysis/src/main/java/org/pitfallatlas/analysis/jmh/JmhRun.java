package org.pitfallatlas.analysis.jmh;

import java.nio.file.Path;
import java.util.List;

/**
 * A JmhRun is the content of one JMH JSON file (or run folder).
 *
 * @param source the file that was read
 * @param label the name shown as a column heading: the file name, or the folder name for a run
 *     folder
 * @param results the entries, in file order
 */
public record JmhRun(Path source, String label, List<JmhResult> results) {}
