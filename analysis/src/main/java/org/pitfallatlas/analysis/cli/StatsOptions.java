package org.pitfallatlas.analysis.cli;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.pitfallatlas.analysis.compare.Options;
import org.pitfallatlas.analysis.render.Format;
import picocli.CommandLine.Option;

/** The options {@code atlas compare} and {@code atlas pairs} share (a picocli mixin). */
final class StatsOptions {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, markdown, csv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--alpha",
      paramLabel = "A",
      defaultValue = "0.05",
      description = "Significance level (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(
      names = "--equivalence",
      paramLabel = "PCT",
      defaultValue = "2",
      description =
          "Equivalence margin in percent: a ratio interval inside ±PCT is 'equivalent'"
              + " (default: ${DEFAULT-VALUE}; 0 disables).")
  double equivalencePercent;

  @Option(
      names = "--benchstat",
      description =
          "Reproduce benchstat: pool iterations over forks, order-statistic CI, Mann-Whitney U.")
  boolean benchstat;

  @Option(
      names = "--filter",
      paramLabel = "REGEX",
      description = "Keep only rows whose name (Class.method/param=value) matches REGEX.")
  String filter;

  Options options() {
    Options o =
        Options.withDefaults()
            .withAlpha(alpha)
            .withEquivalence(equivalencePercent / 100)
            .with(benchstat ? Options.Mode.BENCHSTAT : Options.Mode.FORKS);
    if (filter != null) {
      try {
        o = o.withFilter(Pattern.compile(filter));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "--filter is not a regular expression: " + e.getDescription());
      }
    }
    return o;
  }

  Format format() {
    try {
      return Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--format must be text, markdown, csv or json, not " + format);
    }
  }
}
