package org.pitfallatlas.analysis.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.pitfallatlas.analysis.stats.Diagnostics;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.ForkRatio;
import org.pitfallatlas.analysis.stats.ForkValues;
import org.pitfallatlas.analysis.stats.Holm;
import org.pitfallatlas.analysis.stats.MannWhitney;
import org.pitfallatlas.analysis.stats.MedianInterval;
import org.pitfallatlas.analysis.stats.Sample;
import org.pitfallatlas.analysis.stats.SteadyState;
import org.pitfallatlas.analysis.stats.Verdict;
import org.pitfallatlas.analysis.stats.Warning;

/**
 * Builds tables from rows of samples: the shared core of {@link Comparisons}, {@link Pairs} and
 * {@link ConfigPairs}.
 *
 * <p>Default mode ({@link Options.Mode#FORKS}), in two passes. First, per row: each column's forks
 * are classified (steady state) and reduced to fork values ({@link ForkValues}); the column is the
 * geometric mean of its fork values with a Student t interval; which comparisons can be tested is
 * decided (at least two forks per side, every fork steady). A row from a sequential run (more than
 * one look) compares the rounds both sides ran ({@link #matchedRounds}). Second, per correction
 * family (the rows of one metric, whatever unit they print in, per compared column): {@code m} =
 * the tested comparisons of the family, each row's interval is computed at {@code 1 - alpha/(m L)}
 * ({@link ForkRatio}, Welch's t on the log fork values), its p-value adjusted to {@code min(1, m L
 * p)}, and its verdict read off the interval ({@link Verdict#fromInterval}).
 *
 * <p>benchstat mode: benchstat's pooled numbers (order-statistic medians, Mann-Whitney U,
 * unadjusted verdicts); Holm's adjustment is reported alongside, for information.
 */
final class Engine {
  private final Options options;
  private final MedianInterval interval;

  Engine(Options options) {
    this.options = options;
    this.interval = MedianInterval.withDefaults().withConfidence(options.confidence());
  }

  /**
   * One row to compute: its identity and each column's raw values, where they came from, and how
   * many looks at the data the runner took for it.
   */
  record Input(
      String name,
      String benchmark,
      Map<String, String> params,
      String config,
      String metric,
      String unit,
      List<String> labels,
      List<double[][]> values,
      List<Path> sources,
      List<Integer> looks) {

    /** A row whose inputs were each looked at once. */
    Input(
        String name,
        String benchmark,
        Map<String, String> params,
        String config,
        String metric,
        String unit,
        List<String> labels,
        List<double[][]> values,
        List<Path> sources) {
      this(
          name,
          benchmark,
          params,
          config,
          metric,
          unit,
          labels,
          values,
          sources,
          Collections.nCopies(values.size(), 1));
    }
  }

  /** What a benchstat-mode delta's verdict rests on. */
  private enum Basis {
    /** Mann-Whitney U, unadjusted. */
    BENCHSTAT,
    /** Some values are 0 B/op: Mann-Whitney U over pooled iterations, direction of the centers. */
    ZERO
  }

  /**
   * A default-mode comparison that can be tested: the fork values of both sides (logarithms taken
   * by {@link ForkRatio}, or the raw means when {@code log} is false) and the looks.
   */
  private record Test(boolean log, double[] base, double[] other, int looks) {}

  private record Computed(Row row, List<TableWarning> warnings, Basis[] basis, Test[] tests) {}

  Table table(
      Table.Kind kind, List<String> headers, List<Input> inputs, List<TableWarning> tableWarnings) {
    for (Input in : inputs) {
      validate(in);
    }
    boolean forks = options.mode() == Options.Mode.FORKS;
    List<Computed> computed =
        IntStream.range(0, inputs.size())
            .parallel()
            .mapToObj(i -> forks ? computeForks(inputs.get(i)) : computeBenchstat(inputs.get(i)))
            .toList();
    List<Row> rows = new ArrayList<>(computed.stream().map(Computed::row).toList());
    if (forks) {
      adjustForks(rows, computed);
    } else {
      adjustBenchstat(rows, computed);
    }
    List<TableWarning> warnings = new ArrayList<>(tableWarnings);
    Warning design = designCannotDecide(rows, inputs, forks);
    if (design != null) {
      // First, so that a reader sees it before the per-row details it explains.
      warnings.add(0, new TableWarning(null, null, design));
    }
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

  /**
   * Says plainly when no row of the table can reach a verdict with the inputs' design, and what
   * would: in the default mode every input having a single fork (no fork-level test at all); in
   * benchstat mode every row having too few values for the rank test to reach alpha.
   */
  private Warning designCannotDecide(List<Row> rows, List<Input> inputs, boolean forks) {
    List<Delta> all = rows.stream().flatMap(r -> r.deltas().stream()).toList();
    if (all.isEmpty()) {
      return null;
    }
    if (forks) {
      boolean anyTested = all.stream().anyMatch(Delta::tested);
      boolean singleForks =
          inputs.stream().allMatch(in -> in.values().stream().anyMatch(v -> v.length < 2));
      if (anyTested || !singleForks) {
        return null;
      }
      int iterations =
          inputs.stream()
              .flatMap(in -> in.values().stream())
              .filter(v -> v.length > 0)
              .mapToInt(v -> v[0].length)
              .max()
              .orElse(0);
      return new Warning(
          Warning.Kind.TOO_FEW_SAMPLES,
          "no row can reach a verdict with this design: the inputs have a single fork per"
              + " benchmark, and the fork (a JVM invocation) is the unit of replication, so there is"
              + " no fork-to-fork variance to test against — more iterations ("
              + iterations
              + " per fork now) cannot fix that. Re-run with 3 or more forks (JMH -f 3; 5–10 for"
              + " effects under ~5%), or use --benchstat to treat iterations as samples as"
              + " benchstat does (it then ignores fork-to-fork variance).");
    }
    double alpha = options.alpha();
    boolean noneCan =
        all.stream()
            .filter(Delta::tested)
            .allMatch(d -> MannWhitney.smallestP(d.n1(), d.n2()) > alpha);
    if (!noneCan || all.stream().noneMatch(Delta::tested)) {
      return null;
    }
    int small =
        all.stream().filter(Delta::tested).mapToInt(d -> Math.min(d.n1(), d.n2())).max().orElse(0);
    return new Warning(
        Warning.Kind.TOO_FEW_SAMPLES,
        String.format(
            Locale.ROOT,
            "no row can reach p <= %s with this design: at most %d values per side, and the rank"
                + " test's smallest p at that size is above %s; run >= %d iterations (or forks)"
                + " per side",
            level(alpha),
            small,
            level(alpha),
            MannWhitney.minimumSamples(alpha)));
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

  // --- default mode ------------------------------------------------------------------------

  private Computed computeForks(Input original) {
    Input in = matchedRounds(original);
    int k = in.values().size();
    Direction direction = Metrics.direction(in.unit());
    boolean positive = true;
    for (double[][] side : in.values()) {
      for (double[] fork : side) {
        for (double v : fork) {
          positive &= v > 0;
        }
      }
    }
    ForkValues.Mean mean = positive ? ForkValues.Mean.GEOMETRIC : ForkValues.Mean.ARITHMETIC;
    List<TableWarning> warnings = new ArrayList<>();
    ForkValues[] fv = new ForkValues[k];
    Column[] columns = new Column[k];
    ForkRatio perColumn = ForkRatio.withConfidence(options.confidence());
    Diagnostics diagnostics =
        Diagnostics.withDefaults()
            .withAlpha(options.alpha())
            .withEffect(options.equivalence() > 0 ? options.equivalence() : 0.02);
    for (int c = 0; c < k; c++) {
      String label = in.labels().get(c);
      fv[c] = ForkValues.of(in.values().get(c), direction, options.steadyState(), mean);
      double[] shown = fv[c].displayValues();
      double center;
      double[] ci;
      if (positive) {
        center = ForkValues.geometricMean(shown);
        double[] logs = Arrays.stream(shown).map(Math::log).toArray();
        ci = perColumn.meanInterval(logs);
        ci = new double[] {Math.exp(ci[0]), Math.exp(ci[1])};
      } else {
        center = Arrays.stream(shown).average().orElseThrow();
        ci = perColumn.meanInterval(shown);
      }
      double[][] counted = fv[c].countedIterations();
      int n = Arrays.stream(counted).mapToInt(f -> f.length).sum();
      columns[c] =
          new Column(
              label, n, fv[c].forks(), center, ci[0], ci[1], options.confidence(), fv[c].kinds());
      for (Warning w : steadyStateWarnings(label, in.values().get(c), fv[c])) {
        warnings.add(new TableWarning(in.name(), label, w));
      }
      if (positive) {
        for (Warning w : diagnostics.of(Sample.ofForks(counted))) {
          warnings.add(new TableWarning(in.name(), label, w));
        }
      } else if (fv[c].forks() < 2) {
        warnings.add(
            new TableWarning(
                in.name(), label, new Warning(Warning.Kind.TOO_FEW_SAMPLES, Diagnostics.ONE_FORK)));
      }
    }
    List<Delta> deltas = new ArrayList<>();
    Test[] tests = new Test[k];
    for (int c = 1; c < k; c++) {
      int looks = Math.max(in.looks().get(0), in.looks().get(c));
      boolean neitherAllocates = allZero(in.values().get(0)) && allZero(in.values().get(c));
      if (!positive && !neitherAllocates) {
        warnings.add(
            new TableWarning(
                in.name(),
                in.labels().get(c),
                new Warning(
                    Warning.Kind.RATIO_UNDEFINED,
                    "some values are 0 "
                        + in.unit()
                        + ": no ratio interval; the verdict comes from Welch's t on the forks'"
                        + " arithmetic means")));
      }
      double ratio =
          columns[0].center() > 0 ? columns[c].center() / columns[0].center() : Double.NaN;
      boolean testable =
          fv[0].forks() >= 2
              && fv[c].forks() >= 2
              && fv[0].settledEnough()
              && fv[c].settledEnough();
      if (testable) {
        tests[c] = new Test(positive, fv[0].settledValues(), fv[c].settledValues(), looks);
      }
      deltas.add(
          new Delta(
              in.labels().get(c),
              ratio,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Verdict.NO_DIFFERENCE,
              "none",
              fv[0].forks(),
              fv[c].forks(),
              Double.NaN,
              0,
              looks,
              Double.NaN));
    }
    return computed(in, direction, columns, deltas, warnings, null, tests);
  }

  /**
   * The forks of a two-column row that the runner's stopping rule looked at. A sequential run (more
   * than one look) measures a pair in rounds, one fork per method per round, so fork {@code i} of
   * each side ran side by side in time; a method shared by two comparisons (one fix against two
   * pitfalls) keeps getting forks for the comparison still undecided after the other one stopped.
   * This row then compares the first {@code min(k1, k2)} forks of each side — the rounds both ran,
   * the data its stopping decision was taken on — so a later round of the shared method can neither
   * reverse a decision already taken nor pair with a fork it never ran beside. Rows looked at once
   * (a fixed-fork run, or any two JMH files compared) are returned as they are.
   */
  static Input matchedRounds(Input in) {
    if (in.values().size() != 2 || in.looks().stream().allMatch(l -> l <= 1)) {
      return in;
    }
    int rounds = Math.min(in.values().get(0).length, in.values().get(1).length);
    if (in.values().stream().allMatch(v -> v.length == rounds)) {
      return in;
    }
    List<double[][]> matched = in.values().stream().map(v -> Arrays.copyOf(v, rounds)).toList();
    return new Input(
        in.name(),
        in.benchmark(),
        in.params(),
        in.config(),
        in.metric(),
        in.unit(),
        in.labels(),
        matched,
        in.sources(),
        in.looks());
  }

  private static boolean allZero(double[][] side) {
    return Arrays.stream(side).flatMapToDouble(Arrays::stream).allMatch(v -> v == 0);
  }

  /**
   * The steady-state warnings of one column: a fork that never settled (no verdict for the row),
   * and, for information, forks whose first iterations were dropped (warm-up or slowdown).
   */
  private static List<Warning> steadyStateWarnings(
      String label, double[][] raw, ForkValues values) {
    List<Warning> out = new ArrayList<>();
    List<SteadyState.Result> states = values.steadyStates();
    for (int f = 0; f < states.size(); f++) {
      SteadyState.Result s = states.get(f);
      int length = raw[f].length;
      String fork = "fork " + (f + 1) + " of " + label;
      switch (s.kind()) {
        case NO_STEADY_STATE ->
            out.add(
                new Warning(
                    Warning.Kind.STEADY_STATE_NOT_REACHED,
                    String.format(
                        Locale.ROOT,
                        "%s never settled (%d level shift%s in %d iterations, the last segment too"
                            + " short to call steady): %s",
                        fork,
                        s.changepoints().size(),
                        s.changepoints().size() == 1 ? "" : "s",
                        length,
                        values.settledEnough()
                            ? "left out; the verdict rests on the "
                                + (values.forks() - values.unsettled())
                                + " forks that settled"
                            : "no verdict (more than a quarter of the forks, or all but one, never"
                                + " settled); lengthen warm-up/iterations")));
        case WARMUP, SLOWDOWN -> {
          int from = Math.min(s.steadyFrom(), length);
          if (from > 0) {
            String dropped =
                from == 1 ? "iteration 1 dropped" : "iterations 1–" + from + " dropped";
            out.add(
                new Warning(
                    Warning.Kind.STEADY_STATE_TRIMMED,
                    s.kind() == SteadyState.Kind.WARMUP
                        ? fork + ": warm-up, steady from iteration " + (from + 1) + "; " + dropped
                        : fork + ": slowdown from iteration " + (from + 1) + "; " + dropped));
          }
        }
        default -> {
          // FLAT and TOO_SHORT: every iteration counts; nothing to say.
        }
      }
    }
    return out;
  }

  /**
   * The default mode's second pass: Bonferroni over the tested comparisons of each metric (all its
   * units) and compared column, simultaneous intervals, verdicts from the intervals.
   */
  private void adjustForks(List<Row> rows, List<Computed> computed) {
    List<List<Delta>> deltas = new ArrayList<>();
    for (Row r : rows) {
      deltas.add(new ArrayList<>(r.deltas()));
    }
    for (List<Integer> family : families(rows).values()) {
      int width = family.stream().mapToInt(i -> rows.get(i).deltas().size()).max().orElse(0);
      for (int c = 0; c < width; c++) {
        int col = c;
        int m =
            (int)
                family.stream()
                    .filter(i -> col < rows.get(i).deltas().size())
                    .filter(i -> computed.get(i).tests()[col + 1] != null)
                    .count();
        for (int i : family) {
          Row row = rows.get(i);
          if (c >= row.deltas().size()) {
            continue;
          }
          Delta d = row.deltas().get(c);
          Test t = computed.get(i).tests()[c + 1];
          deltas.get(i).set(c, t == null ? untested(d, m) : tested(row, d, t, m));
        }
      }
    }
    replaceDeltas(rows, deltas);
  }

  private static Delta untested(Delta d, int m) {
    return new Delta(
        d.label(),
        d.ratio(),
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Verdict.NO_DIFFERENCE,
        "none",
        d.n1(),
        d.n2(),
        Double.NaN,
        m,
        d.looks(),
        Double.NaN);
  }

  private Delta tested(Row row, Delta d, Test t, int m) {
    double multiplicity = (double) m * t.looks();
    double confidence = 1 - options.alpha() / multiplicity;
    ForkRatio test = ForkRatio.withConfidence(confidence);
    double lo;
    double hi;
    double p;
    double df;
    Verdict verdict;
    if (t.log()) {
      ForkRatio.Result r = test.compare(t.base(), t.other());
      lo = r.lo();
      hi = r.hi();
      p = r.p();
      df = r.df();
      verdict = Verdict.fromInterval(lo, hi, options.equivalence(), row.direction());
    } else {
      // Raw scale (a value is 0): the interval of the difference of means decides; no ratio
      // interval. Identical constant values are the only equivalence that needs no ratio.
      ForkRatio.Difference r = test.compareMeans(t.base(), t.other());
      lo = Double.NaN;
      hi = Double.NaN;
      p = r.p();
      df = r.df();
      if (r.lo() == 0 && r.hi() == 0) {
        verdict = options.equivalence() > 0 ? Verdict.EQUIVALENT : Verdict.NO_DIFFERENCE;
      } else if (r.excludesZero()) {
        boolean lower = r.difference() < 0;
        verdict =
            lower == (row.direction() == Direction.LOWER_IS_BETTER)
                ? Verdict.FASTER
                : Verdict.SLOWER;
      } else {
        verdict = Verdict.NO_DIFFERENCE;
      }
    }
    return new Delta(
        d.label(),
        d.ratio(),
        lo,
        hi,
        p,
        Math.min(1, multiplicity * p),
        verdict,
        t.log() ? "welch-t-log-forks" : "welch-t-forks",
        d.n1(),
        d.n2(),
        confidence,
        m,
        t.looks(),
        df);
  }

  // --- benchstat mode ----------------------------------------------------------------------

  private Computed computeBenchstat(Input in) {
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
    Basis[] basis = new Basis[k];
    int need = MannWhitney.minimumSamples(options.alpha());
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
      basis[c] = Basis.BENCHSTAT;
      // No ratio interval: benchstat prints none, and a bootstrap here made benchstat mode cost
      // as much as the default one (24 s for a 10,692-row pair). The columns keep their own
      // order-statistic intervals.
      if (!anyZero) {
        basis[c] = Basis.BENCHSTAT; // the ratio of the medians, no interval
      } else if (neitherAllocates) {
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
      // The smallest p these sample sizes can give: never print a smaller one.
      double floor = MannWhitney.smallestP(mw.n1(), mw.n2());
      double p = mw.method() == MannWhitney.Method.NONE ? mw.p() : Math.max(mw.p(), floor);
      boolean benchstatWarns = p > options.alpha() && mw.n1() < need && mw.n2() < need;
      if (benchstatWarns) {
        // benchstat's rule (benchmath/anone.go): warn only when p > alpha and both are small.
        warnings.add(tooFewWarning(in, c, need));
      } else if (floor > options.alpha() && !neitherAllocates) {
        warnings.add(
            new TableWarning(
                in.name(), in.labels().get(c), cannotReach(mw.n1(), mw.n2(), options.alpha())));
      }
      deltas.add(
          new Delta(
              in.labels().get(c),
              ratio,
              lo,
              hi,
              p,
              Double.NaN,
              Verdict.NO_DIFFERENCE,
              testName(mw.method()),
              mw.n1(),
              mw.n2()));
    }
    return computed(in, direction, columns, deltas, warnings, basis, null);
  }

  /**
   * A rank test whose sample sizes cannot reach alpha at all: says so, with its smallest p and the
   * size of the smaller side that would.
   */
  static Warning cannotReach(int n1, int n2, double alpha) {
    int small = Math.min(n1, n2);
    int large = Math.max(n1, n2);
    int enough = small;
    while (MannWhitney.smallestP(enough, large) > alpha && enough < 1000) {
      enough++;
    }
    return new Warning(
        Warning.Kind.TOO_FEW_SAMPLES,
        String.format(
            Locale.ROOT,
            "%d vs %d values cannot reach p <= %s with a rank test (its smallest p is 2/C(%d,%d) ="
                + " %.3g); %d values on the smaller side would",
            n1,
            n2,
            level(alpha),
            n1 + n2,
            small,
            MannWhitney.smallestP(n1, n2),
            enough));
  }

  /** benchstat mode: verdicts from the raw p; Holm across each metric's rows, for information. */
  private void adjustBenchstat(List<Row> rows, List<Computed> computed) {
    List<List<Delta>> deltas = new ArrayList<>();
    for (Row r : rows) {
      deltas.add(new ArrayList<>(r.deltas()));
    }
    for (List<Integer> idx : families(rows).values()) {
      int width = idx.stream().mapToInt(i -> rows.get(i).deltas().size()).max().orElse(0);
      for (int c = 0; c < width; c++) {
        double[] p = new double[idx.size()];
        for (int j = 0; j < idx.size(); j++) {
          List<Delta> d = rows.get(idx.get(j)).deltas();
          p[j] = c < d.size() ? d.get(c).pValue() : Double.NaN;
        }
        double[] adj = Holm.adjust(p);
        int m = (int) Arrays.stream(p).filter(x -> !Double.isNaN(x)).count();
        for (int j = 0; j < idx.size(); j++) {
          int i = idx.get(j);
          Row row = rows.get(i);
          if (c >= row.deltas().size()) {
            continue;
          }
          Delta d = row.deltas().get(c);
          Verdict v = benchstatVerdict(row, c, d, computed.get(i).basis()[c + 1]);
          deltas
              .get(i)
              .set(
                  c,
                  new Delta(
                      d.label(),
                      d.ratio(),
                      d.lo(),
                      d.hi(),
                      d.pValue(),
                      adj[j],
                      v,
                      d.test(),
                      d.n1(),
                      d.n2(),
                      Double.NaN,
                      m,
                      1,
                      Double.NaN));
        }
      }
    }
    replaceDeltas(rows, deltas);
  }

  private Verdict benchstatVerdict(Row row, int c, Delta d, Basis basis) {
    Column base = row.columns().get(0);
    Column other = row.columns().get(c + 1);
    if (basis == Basis.ZERO) {
      if (base.center() == 0 && other.center() == 0 && base.hi() <= 0 && other.hi() <= 0) {
        // Neither allocates at all: no difference (benchstat has no "equivalent").
        return Verdict.NO_DIFFERENCE;
      }
      double proxy =
          Double.compare(other.center(), base.center()) > 0
              ? 2
              : other.center() < base.center() ? 0.5 : 1;
      return Verdict.decide(
          proxy, Double.NaN, Double.NaN, d.pValue(), options.alpha(), 0, row.direction());
    }
    return Verdict.decide(
        d.ratio(), Double.NaN, Double.NaN, d.pValue(), options.alpha(), 0, row.direction());
  }

  // --- shared ------------------------------------------------------------------------------

  private static Computed computed(
      Input in,
      Direction direction,
      Column[] columns,
      List<Delta> deltas,
      List<TableWarning> warnings,
      Basis[] basis,
      Test[] tests) {
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
    return new Computed(row, uniqueWarnings, basis, tests);
  }

  /**
   * The correction families: the rows of each metric, whatever unit they print in (a table may
   * print {@code time} in ns/op for some rows and µs/op for others), in order of first appearance.
   */
  private static Map<String, List<Integer>> families(List<Row> rows) {
    Map<String, List<Integer>> families = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      families.computeIfAbsent(rows.get(i).metric(), x -> new ArrayList<>()).add(i);
    }
    return families;
  }

  private static void replaceDeltas(List<Row> rows, List<List<Delta>> deltas) {
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
