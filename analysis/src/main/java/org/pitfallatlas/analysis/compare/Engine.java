package org.pitfallatlas.analysis.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.pitfallatlas.analysis.stats.Diagnostics;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.HierarchicalBootstrap;
import org.pitfallatlas.analysis.stats.Holm;
import org.pitfallatlas.analysis.stats.MannWhitney;
import org.pitfallatlas.analysis.stats.MedianInterval;
import org.pitfallatlas.analysis.stats.Sample;
import org.pitfallatlas.analysis.stats.Verdict;
import org.pitfallatlas.analysis.stats.Warning;

/** Builds tables from rows of samples: the shared core of {@link Comparisons} and {@link Pairs}. */
final class Engine {
  private final Options options;
  private final HierarchicalBootstrap bootstrap;
  private final MedianInterval interval;

  Engine(Options options) {
    this.options = options;
    this.bootstrap =
        HierarchicalBootstrap.withDefaults()
            .withResamples(options.resamples())
            .withConfidence(options.confidence())
            .withSeed(options.seed())
            .with(
                options.mode() == Options.Mode.FORKS
                    ? HierarchicalBootstrap.Level.FORKS
                    : HierarchicalBootstrap.Level.ITERATIONS);
    this.interval = MedianInterval.withDefaults().withConfidence(options.confidence());
  }

  /** One row to compute: its identity and each column's raw values and where they came from. */
  record Input(
      String name,
      String benchmark,
      Map<String, String> params,
      String config,
      String metric,
      String unit,
      List<String> labels,
      List<double[][]> values,
      List<Path> sources) {}

  /**
   * What a delta's verdict may rest on. The default (fork-aware) mode only lets the hierarchical
   * bootstrap decide when both sides have the evidence it needs: at least {@link
   * MannWhitney#minimumSamples} values and at least two forks each.
   */
  private enum Basis {
    /** Bootstrap p (Holm-adjusted) and the ratio interval, equivalence included. */
    BOOTSTRAP,
    /**
     * A side has a single fork: the bootstrap can only resample that fork's iterations, so its
     * p-value reflects within-fork noise alone and falls to its Monte Carlo floor {@code 2/(B+1)}
     * for any visible shift. The p-value is Mann-Whitney U over the iterations instead (its
     * smallest value is bounded by the number of values), the verdict can be faster or slower but
     * never equivalent (the interval is too narrow to support it).
     */
    ONE_FORK,
    /** Some values are 0 B/op: Mann-Whitney U over pooled iterations, direction of the centers. */
    ZERO,
    /**
     * A side has fewer values than any test needs to reach alpha: always {@code ~} (default mode
     * only; benchstat mode reproduces benchstat's rule).
     */
    TOO_FEW,
    /** benchstat mode: Mann-Whitney U, unadjusted. */
    BENCHSTAT
  }

  private record Computed(Row row, List<TableWarning> warnings, Basis[] basis) {}

  Table table(
      Table.Kind kind, List<String> headers, List<Input> inputs, List<TableWarning> tableWarnings) {
    for (Input in : inputs) {
      validate(in);
    }
    List<Computed> computed =
        IntStream.range(0, inputs.size()).parallel().mapToObj(i -> compute(inputs.get(i))).toList();
    List<Row> rows = new ArrayList<>(computed.stream().map(Computed::row).toList());
    adjust(rows, computed);
    List<TableWarning> warnings = new ArrayList<>(tableWarnings);
    for (Computed c : computed) {
      warnings.addAll(c.warnings());
    }
    List<Geomean> geomeans = new ArrayList<>();
    if (kind == Table.Kind.COMPARE) {
      geomeans(rows, geomeans, warnings);
    }
    return new Table(
        kind,
        List.copyOf(headers),
        options,
        List.copyOf(rows),
        List.copyOf(geomeans),
        List.copyOf(warnings));
  }

  private static void validate(Input in) {
    String first = in.unit();
    for (int c = 0; c < in.values().size(); c++) {
      boolean zeroOk = Metrics.zeroAllowed(in.metric());
      for (double[] fork : in.values().get(c)) {
        for (double v : fork) {
          if (Double.isNaN(v) || Double.isInfinite(v) || v < 0 || (v == 0 && !zeroOk)) {
            throw new CompareException(
                String.format(
                    Locale.ROOT,
                    "%s: %s (%s) has the value %s %s; a ratio and a geomean need positive values",
                    in.sources().get(c),
                    in.name(),
                    in.metric(),
                    v,
                    first));
          }
        }
      }
    }
  }

  private Computed compute(Input in) {
    int k = in.values().size();
    Sample[] samples = new Sample[k];
    for (int c = 0; c < k; c++) {
      samples[c] = Sample.ofForks(in.values().get(c));
    }
    Direction direction = Metrics.direction(in.unit());
    List<TableWarning> warnings = new ArrayList<>();
    Column[] columns = new Column[k];
    List<Delta> deltas = new ArrayList<>();
    boolean anyZero = Arrays.stream(samples).anyMatch(s -> s.min() <= 0);
    boolean forks = options.mode() == Options.Mode.FORKS;
    Basis[] basis = new Basis[k];
    long rowSeed = (in.name() + "|" + in.metric()).hashCode();
    int need = MannWhitney.minimumSamples(options.alpha());
    if (forks && !anyZero) {
      for (int c = 1; c < k; c++) {
        HierarchicalBootstrap.Result r =
            bootstrap.ratioOfMedians(samples[0], samples[c], (rowSeed << 8) + c);
        if (c == 1) {
          columns[0] = column(in.labels().get(0), samples[0], r.baseLo(), r.baseHi());
        }
        columns[c] = column(in.labels().get(c), samples[c], r.otherLo(), r.otherHi());
        boolean tooFew = samples[0].size() < need || samples[c].size() < need;
        boolean oneFork = samples[0].forkCount() < 2 || samples[c].forkCount() < 2;
        if (!tooFew && !oneFork) {
          basis[c] = Basis.BOOTSTRAP;
          deltas.add(
              new Delta(
                  in.labels().get(c),
                  r.ratio(),
                  r.lo(),
                  r.hi(),
                  r.p(),
                  Double.NaN,
                  Verdict.NO_DIFFERENCE,
                  "hierarchical-bootstrap",
                  samples[0].size(),
                  samples[c].size()));
          continue;
        }
        MannWhitney.Result mw =
            MannWhitney.withDefaults().test(samples[0].sortedValues(), samples[c].sortedValues());
        basis[c] = tooFew ? Basis.TOO_FEW : Basis.ONE_FORK;
        if (tooFew) {
          warnings.add(tooFewWarning(in, c, need));
        } else {
          warnings.add(
              new TableWarning(
                  in.name(),
                  in.labels().get(c),
                  new Warning(
                      Warning.Kind.TOO_FEW_SAMPLES,
                      "a single fork on a side: p from Mann-Whitney U over iterations, not the"
                          + " bootstrap (which cannot see fork-to-fork variance); never"
                          + " equivalent")));
          for (Warning w : mw.warnings()) {
            warnings.add(new TableWarning(in.name(), in.labels().get(c), w));
          }
        }
        deltas.add(
            new Delta(
                in.labels().get(c),
                r.ratio(),
                tooFew ? Double.NaN : r.lo(),
                tooFew ? Double.NaN : r.hi(),
                mw.p(),
                Double.NaN,
                Verdict.NO_DIFFERENCE,
                testName(mw.method()),
                mw.n1(),
                mw.n2()));
      }
      Diagnostics diagnostics =
          Diagnostics.withDefaults()
              .withAlpha(options.alpha())
              .withEffect(options.equivalence() > 0 ? options.equivalence() : 0.02);
      for (int c = 0; c < k; c++) {
        for (Warning w : diagnostics.of(samples[c])) {
          warnings.add(new TableWarning(in.name(), in.labels().get(c), w));
        }
      }
    } else {
      for (int c = 0; c < k; c++) {
        MedianInterval.Result m = interval.of(samples[c]);
        columns[c] =
            new Column(
                in.labels().get(c),
                samples[c].size(),
                samples[c].forkCount(),
                m.center(),
                m.lo(),
                m.hi(),
                m.confidence());
        for (Warning w : m.warnings()) {
          warnings.add(new TableWarning(in.name(), in.labels().get(c), w));
        }
      }
      for (int c = 1; c < k; c++) {
        MannWhitney.Result mw =
            MannWhitney.withDefaults().test(samples[0].sortedValues(), samples[c].sortedValues());
        double ratio =
            columns[0].center() > 0 ? columns[c].center() / columns[0].center() : Double.NaN;
        double lo = Double.NaN;
        double hi = Double.NaN;
        boolean neitherAllocates = samples[0].max() == 0 && samples[c].max() == 0;
        basis[c] = forks ? Basis.ZERO : Basis.BENCHSTAT;
        if (!anyZero) {
          HierarchicalBootstrap.Result r =
              bootstrap.ratioOfMedians(samples[0], samples[c], (rowSeed << 8) + c);
          lo = r.lo();
          hi = r.hi();
        } else if (neitherAllocates) {
          // Nothing to warn about: the verdict is "equivalent".
          basis[c] = Basis.ZERO;
        } else {
          basis[c] = Basis.ZERO;
          warnings.add(
              new TableWarning(
                  in.name(),
                  in.labels().get(c),
                  new Warning(
                      Warning.Kind.RATIO_UNDEFINED,
                      "some values are 0 "
                          + in.unit()
                          + ": no ratio interval; the verdict comes from Mann-Whitney U over"
                          + " pooled iterations")));
        }
        if (!neitherAllocates) {
          for (Warning w : mw.warnings()) {
            warnings.add(new TableWarning(in.name(), in.labels().get(c), w));
          }
        }
        if (forks) {
          // Stricter than benchstat: either side too small means no verdict at all.
          if (mw.n1() < need || mw.n2() < need) {
            basis[c] = Basis.TOO_FEW;
            warnings.add(tooFewWarning(in, c, need));
          }
        } else if (mw.p() > options.alpha() && mw.n1() < need && mw.n2() < need) {
          // benchstat's rule (benchmath/anone.go): warn only when p > alpha and both are small.
          warnings.add(tooFewWarning(in, c, need));
        }
        deltas.add(
            new Delta(
                in.labels().get(c),
                ratio,
                lo,
                hi,
                mw.p(),
                Double.NaN,
                Verdict.NO_DIFFERENCE,
                testName(mw.method()),
                mw.n1(),
                mw.n2()));
      }
    }
    // Keep only warnings once per message per column.
    Map<String, TableWarning> unique = new LinkedHashMap<>();
    for (TableWarning w : warnings) {
      unique.putIfAbsent(w.describe(), w);
    }
    List<TableWarning> uniqueWarnings = List.copyOf(unique.values());
    Row row =
        new Row(
            in.name(),
            in.benchmark(),
            in.params(),
            in.config(),
            in.metric(),
            in.unit(),
            direction,
            List.of(columns),
            deltas,
            uniqueWarnings.stream()
                .map(w -> (w.column() == null ? "" : w.column() + ": ") + w.warning().message())
                .toList());
    return new Computed(row, uniqueWarnings, basis);
  }

  private TableWarning tooFewWarning(Input in, int c, int need) {
    return new TableWarning(
        in.name(),
        in.labels().get(c),
        new Warning(
            Warning.Kind.TOO_FEW_SAMPLES,
            "need >= "
                + need
                + " samples to detect a difference at alpha level "
                + level(options.alpha())));
  }

  private static String testName(MannWhitney.Method method) {
    return switch (method) {
      case EXACT -> "mann-whitney-exact";
      case EXACT_WITH_TIES -> "mann-whitney-exact-ties";
      case NORMAL -> "mann-whitney-normal";
      case NONE -> "none";
    };
  }

  private static String level(double v) {
    String s = Double.toString(v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private Column column(String label, Sample s, double lo, double hi) {
    if (s.size() < 2) {
      // A bootstrap of one value is that value: a zero-width interval from no evidence.
      lo = Double.NEGATIVE_INFINITY;
      hi = Double.POSITIVE_INFINITY;
    }
    return new Column(label, s.size(), s.forkCount(), s.median(), lo, hi, options.confidence());
  }

  /** Holm across the rows of each metric section, per compared column; then the verdicts. */
  private void adjust(List<Row> rows, List<Computed> computed) {
    Map<String, List<Integer>> sections = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      sections.computeIfAbsent(r.metric() + "\u0000" + r.unit(), x -> new ArrayList<>()).add(i);
    }
    List<List<Delta>> deltas = new ArrayList<>();
    for (Row r : rows) {
      deltas.add(new ArrayList<>(r.deltas()));
    }
    for (List<Integer> idx : sections.values()) {
      int width = rows.get(idx.get(0)).deltas().size();
      for (int c = 0; c < width; c++) {
        double[] p = new double[idx.size()];
        for (int j = 0; j < idx.size(); j++) {
          List<Delta> d = rows.get(idx.get(j)).deltas();
          p[j] = c < d.size() ? d.get(c).pValue() : Double.NaN;
        }
        double[] adj = Holm.adjust(p);
        for (int j = 0; j < idx.size(); j++) {
          int i = idx.get(j);
          Row row = rows.get(i);
          if (c >= row.deltas().size()) {
            continue;
          }
          Delta d = row.deltas().get(c);
          Verdict v = verdict(row, c, d, adj[j], computed.get(i).basis()[c + 1]);
          deltas.get(i).set(c, d.withAdjusted(adj[j], v));
        }
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      rows.set(
          i,
          new Row(
              r.name(),
              r.benchmark(),
              r.params(),
              r.config(),
              r.metric(),
              r.unit(),
              r.direction(),
              r.columns(),
              List.copyOf(deltas.get(i)),
              r.warnings()));
    }
  }

  private Verdict verdict(Row row, int c, Delta d, double pAdjusted, Basis basis) {
    Column base = row.columns().get(0);
    Column other = row.columns().get(c + 1);
    double p = basis == Basis.BENCHSTAT ? d.pValue() : pAdjusted;
    switch (basis) {
      case TOO_FEW:
        return Verdict.NO_DIFFERENCE;
      case ZERO:
        {
          if (base.center() == 0 && other.center() == 0 && base.hi() <= 0 && other.hi() <= 0) {
            // Neither allocates at all: identical, so equivalent whenever equivalence is in use.
            boolean equivalence = options.mode() == Options.Mode.FORKS && options.equivalence() > 0;
            return equivalence ? Verdict.EQUIVALENT : Verdict.NO_DIFFERENCE;
          }
          double proxy =
              Double.compare(other.center(), base.center()) > 0
                  ? 2
                  : other.center() < base.center() ? 0.5 : 1;
          double zp = options.mode() == Options.Mode.BENCHSTAT ? d.pValue() : pAdjusted;
          return Verdict.decide(
              proxy, Double.NaN, Double.NaN, zp, options.alpha(), 0, row.direction());
        }
      case BENCHSTAT:
      case ONE_FORK:
        return Verdict.decide(
            d.ratio(), Double.NaN, Double.NaN, p, options.alpha(), 0, row.direction());
      case BOOTSTRAP:
      default:
        return Verdict.decide(
            d.ratio(), d.lo(), d.hi(), p, options.alpha(), options.equivalence(), row.direction());
    }
  }

  private static void geomeans(List<Row> rows, List<Geomean> out, List<TableWarning> warnings) {
    Map<String, List<Row>> sections = new LinkedHashMap<>();
    for (Row r : rows) {
      sections.computeIfAbsent(r.metric() + "\u0000" + r.unit(), x -> new ArrayList<>()).add(r);
    }
    for (List<Row> section : sections.values()) {
      Row first = section.get(0);
      int k = first.columns().size();
      double[] logCenters = new double[k];
      double[] logRatios = new double[k - 1];
      boolean ok = true;
      for (Row r : section) {
        for (int c = 0; c < k; c++) {
          double v = r.columns().get(c).center();
          if (!(v > 0)) {
            ok = false;
          }
          logCenters[c] += Math.log(v);
        }
        for (int c = 0; c < k - 1; c++) {
          double ratio = r.deltas().get(c).ratio();
          if (!(ratio > 0) || Double.isInfinite(ratio)) {
            ok = false;
          }
          logRatios[c] += Math.log(ratio);
        }
      }
      if (!ok) {
        warnings.add(
            new TableWarning(
                null,
                null,
                new Warning(
                    Warning.Kind.RATIO_UNDEFINED,
                    "no geomean for "
                        + first.metric()
                        + " ("
                        + first.unit()
                        + "): some centers are 0")));
        continue;
      }
      int n = section.size();
      out.add(
          new Geomean(
              first.metric(),
              first.unit(),
              Arrays.stream(logCenters).map(x -> Math.exp(x / n)).toArray(),
              Arrays.stream(logRatios).map(x -> Math.exp(x / n)).toArray()));
    }
  }
}
