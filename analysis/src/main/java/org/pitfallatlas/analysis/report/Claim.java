package org.pitfallatlas.analysis.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pitfallatlas.analysis.compare.ConfigPairs;

/**
 * A Claim is one row of the claims ledger ({@code benchmarks/claims.json}): a figure from the Go
 * sources in ATLAS.md and the JVM pair that tests it.
 *
 * @param id a short stable id, e.g. {@code boxing-concrete-types}
 * @param claim the claim, in the sources' words
 * @param family the atlas family that tests it
 * @param pair the pair class's simple name, or null while no class tests it
 * @param pitfall the pitfall method
 * @param fix the fix method
 * @param params the {@code @Param} point that tests it
 * @param metric {@code time}, {@code gc.alloc.rate.norm} (B/op), {@link #COORDINATION_SHARE}: the
 *     share of the runtime of a parallel variant ({@code pitfall}) that its serial control ({@code
 *     fix}, a {@code baseline…} method) does not explain, tested against an expectedRange of
 *     shares, or {@link #CPU_SHARE}: the share of the cpu profile samples of one method ({@code
 *     method}, at {@code params}) whose stack holds any of {@code frames}, tested against {@code
 *     expectedShare}
 * @param config the JVM configuration id ({@code default} when absent)
 * @param sourceFigure the figure as the sources give it
 * @param expectedRatio the claimed fix/pitfall ratio of {@code metric} (0.26 for "3.8× less"), or
 *     null when the figure is not a ratio of this metric
 * @param expect what the claim says the fix does: {@link #BETTER} (the default) or {@link #WORSE}
 *     for claims that a "fix" costs more than it saves ("for small objects a pool can cost more")
 * @param notComparable why no JVM pair can test the claim directly (its verdict is then "not
 *     comparable"), or null
 * @param method for a configuration pair: the benchmark method measured on both sides; for a {@link
 *     #CPU_SHARE} claim: the method whose cpu profile is read
 * @param pitfallConfig for a configuration pair: the pitfall side's JVM configuration id
 * @param fixConfig for a configuration pair: the fix side's JVM configuration id
 * @param pitfallParams for a configuration pair: parameter values the pitfall side is pinned to
 * @param fixParams for a configuration pair: the fix side's values of those parameters
 * @param goClaim the Go claim this row tests when several rows test one claim (they roll up to one
 *     counted verdict); null: the row is its own claim
 * @param figure how the source figure is read: {@link #EXACT} (a bare figure, the default), {@link
 *     #ABOUT} ("~"), {@link #UP_TO} ("up to") or {@link #RANGE} ("30–50%")
 * @param expectedRange for {@link #RANGE}: the claimed fix/pitfall ratios at both ends
 * @param figureIsRate whether the source figure is a rate (MB/min) the row's B/op ratio stands in
 *     for, which holds only at equal request rates
 * @param frames for a {@link #CPU_SHARE} claim: frame-name substrings; a sample counts when its
 *     stack has a frame containing any of them (see {@link
 *     org.pitfallatlas.analysis.profile.ProfileShare})
 * @param expectedShare for a {@link #CPU_SHARE} claim: the claimed share, in (0, 1) (0.20 for "20%
 *     of CPU"), read with the tolerance of its {@code figure}
 * @param under for a {@link #CPU_SHARE} claim, optional: frame-name substrings of which the stack
 *     must also hold one (e.g. the channel's class), so that parks and locks of other code (the
 *     benchmark harness's barrier) are not counted; empty: any stack
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Claim(
    String id,
    String claim,
    String family,
    String pair,
    String pitfall,
    String fix,
    Map<String, String> params,
    String metric,
    String config,
    @JsonProperty("source figure") String sourceFigure,
    Double expectedRatio,
    String expect,
    String notComparable,
    String method,
    String pitfallConfig,
    String fixConfig,
    Map<String, String> pitfallParams,
    Map<String, String> fixParams,
    String goClaim,
    String figure,
    List<Double> expectedRange,
    Boolean figureIsRate,
    List<String> frames,
    Double expectedShare,
    List<String> under) {

  /** {@link #figure()}: a bare figure, read as its effect ±25%. */
  public static final String EXACT = "exact";

  /** {@link #figure()}: an approximate figure ("~3x"), read as its effect ±50%. */
  public static final String ABOUT = "about";

  /** {@link #figure()}: a best case ("up to 4x"), read as between half its effect and all of it. */
  public static final String UP_TO = "upTo";

  /** {@link #figure()}: a range ("-30% to -50%"), given in {@link #expectedRange()}. */
  public static final String RANGE = "range";

  /** {@link #expect()}: the claim says the fix is better (the usual claim). */
  public static final String BETTER = "better";

  /** {@link #expect()}: the claim says the "fix" is worse than the pitfall. */
  public static final String WORSE = "worse";

  /** The metric of a coordination-share claim (see {@link CoordinationShare}). */
  public static final String COORDINATION_SHARE = "coordinationShare";

  /**
   * The metric of a claim about a share of the CPU: the part of one method's cpu profile samples
   * under given frames (see {@link org.pitfallatlas.analysis.profile.ProfileShare}).
   */
  public static final String CPU_SHARE = "cpuShare";

  /** A claim that the fix is better and that a pair can test (the usual claim). */
  public Claim(
      String id,
      String claim,
      String family,
      String pair,
      String pitfall,
      String fix,
      Map<String, String> params,
      String metric,
      String config,
      String sourceFigure,
      Double expectedRatio) {
    this(
        id,
        claim,
        family,
        pair,
        pitfall,
        fix,
        params,
        metric,
        config,
        sourceFigure,
        expectedRatio,
        null,
        null);
  }

  /** A claim tested by a pair of methods, with its expectation and comparability. */
  public Claim(
      String id,
      String claim,
      String family,
      String pair,
      String pitfall,
      String fix,
      Map<String, String> params,
      String metric,
      String config,
      String sourceFigure,
      Double expectedRatio,
      String expect,
      String notComparable) {
    this(
        id,
        claim,
        family,
        pair,
        pitfall,
        fix,
        params,
        metric,
        config,
        sourceFigure,
        expectedRatio,
        expect,
        notComparable,
        null,
        null,
        null,
        null,
        null);
  }

  /** A claim without roll-up or figure reading (its own Go claim, a bare figure). */
  public Claim(
      String id,
      String claim,
      String family,
      String pair,
      String pitfall,
      String fix,
      Map<String, String> params,
      String metric,
      String config,
      String sourceFigure,
      Double expectedRatio,
      String expect,
      String notComparable,
      String method,
      String pitfallConfig,
      String fixConfig,
      Map<String, String> pitfallParams,
      Map<String, String> fixParams) {
    this(
        id,
        claim,
        family,
        pair,
        pitfall,
        fix,
        params,
        metric,
        config,
        sourceFigure,
        expectedRatio,
        expect,
        notComparable,
        method,
        pitfallConfig,
        fixConfig,
        pitfallParams,
        fixParams,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Returns the Go claim this row counts toward: {@link #goClaim()}, or the row's own id. */
  public String countedAs() {
    return goClaim == null ? id : goClaim;
  }

  /**
   * Returns whether the claim is about a coordination share: {@code pitfall} is then the parallel
   * variant and {@code fix} its serial control, and {@code expectedRange} holds shares.
   */
  public boolean measuresShare() {
    return COORDINATION_SHARE.equals(metric);
  }

  /**
   * Returns whether the claim is about a share of the CPU: {@code method}'s cpu profile samples
   * under {@code frames}, against {@code expectedShare}.
   */
  public boolean measuresCpuShare() {
    return CPU_SHARE.equals(metric);
  }

  /** Returns whether the claim is tested by two JVM configurations rather than two methods. */
  public boolean comparesConfigurations() {
    return pitfallConfig != null;
  }

  /** Returns the configuration comparison that tests the claim, if it compares configurations. */
  public Optional<ConfigPairs.Spec> configSpec() {
    return comparesConfigurations()
        ? Optional.of(new ConfigPairs.Spec(pitfallConfig, fixConfig, pitfallParams, fixParams))
        : Optional.empty();
  }

  /**
   * Checks the claim: a pair needs its pitfall and fix methods, or, for a configuration pair, its
   * method and both configurations.
   *
   * @throws IllegalArgumentException if the id or family is missing, a pair lacks its two sides,
   *     the expectation is unknown or the expected ratio negative
   */
  public Claim {
    params =
        params == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params));
    pitfallParams =
        pitfallParams == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(pitfallParams));
    fixParams =
        fixParams == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(fixParams));
    metric = metric == null ? "time" : metric;
    config = config == null ? "default" : config;
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a claim needs an id: " + claim);
    }
    if (family == null || family.isBlank()) {
      throw new IllegalArgumentException("claim " + id + " needs a family");
    }
    boolean configs = pitfallConfig != null || fixConfig != null;
    frames = frames == null ? List.of() : List.copyOf(frames);
    under = under == null ? List.of() : List.copyOf(under);
    if (!under.isEmpty() && !CPU_SHARE.equals(metric)) {
      throw new IllegalArgumentException(
          "claim " + id + ": under belongs to a \"" + CPU_SHARE + "\" claim");
    }
    if (under.stream().anyMatch(f -> f == null || f.isBlank() || f.contains(";"))) {
      throw new IllegalArgumentException(
          "claim " + id + ": under holds frame-name substrings, none blank or with ';': " + under);
    }
    if (CPU_SHARE.equals(metric)) {
      checkCpuShare(id, pair, method, pitfall, fix, configs, frames, expectedShare, figure);
    } else if (!frames.isEmpty() || expectedShare != null) {
      throw new IllegalArgumentException(
          "claim " + id + ": frames and expectedShare belong to a \"" + CPU_SHARE + "\" claim");
    }
    if (pair != null && !configs && !CPU_SHARE.equals(metric) && (pitfall == null || fix == null)) {
      throw new IllegalArgumentException(
          "claim " + id + " names pair " + pair + " but not its pitfall and fix methods");
    }
    if (pair != null && configs && (method == null || pitfallConfig == null || fixConfig == null)) {
      throw new IllegalArgumentException(
          "claim " + id + " compares configurations: it needs method, pitfallConfig and fixConfig");
    }
    expect = expect == null ? BETTER : expect;
    if (!expect.equals(BETTER) && !expect.equals(WORSE)) {
      throw new IllegalArgumentException(
          "claim " + id + ": expect must be \"better\" or \"worse\", not \"" + expect + "\"");
    }
    if (expect.equals(WORSE) && expectedRatio != null) {
      throw new IllegalArgumentException(
          "claim " + id + ": a claim that the fix is worse takes no expectedRatio");
    }
    if (notComparable != null && (notComparable.isBlank() || pair != null)) {
      throw new IllegalArgumentException(
          "claim "
              + id
              + ": notComparable is the reason no pair can test it; it needs a text and no pair");
    }
    figure = figure == null ? EXACT : figure;
    figureIsRate = figureIsRate != null && figureIsRate;
    if (!List.of(EXACT, ABOUT, UP_TO, RANGE).contains(figure)) {
      throw new IllegalArgumentException(
          "claim " + id + ": figure must be exact, about, upTo or range, not \"" + figure + "\"");
    }
    if (figure.equals(RANGE) != (expectedRange != null)) {
      throw new IllegalArgumentException(
          "claim " + id + ": a range figure needs expectedRange [a, b], and only a range has one");
    }
    if (expectedRange != null) {
      if (expectedRange.size() != 2
          || expectedRange.stream().anyMatch(r -> r == null || !(r > 0))
          || expectedRatio != null) {
        throw new IllegalArgumentException(
            "claim "
                + id
                + ": expectedRange is two fix/pitfall ratios > 0 and replaces expectedRatio");
      }
      expectedRange = List.copyOf(expectedRange);
    }
    if (COORDINATION_SHARE.equals(metric)
        && (!figure.equals(RANGE)
            || expectedRange.stream().anyMatch(r -> r >= 1)
            || (pair != null && !fix.startsWith("baseline")))) {
      throw new IllegalArgumentException(
          "claim "
              + id
              + ": a coordination share claim needs figure \"range\" with shares in (0, 1) as"
              + " expectedRange, the parallel variant as pitfall and its baseline… control as fix");
    }
    if (expectedRatio != null && !(expectedRatio >= 0)) {
      throw new IllegalArgumentException(
          "claim " + id + ": expectedRatio must be >= 0 (fix/pitfall), not " + expectedRatio);
    }
  }

  private static void checkCpuShare(
      String id,
      String pair,
      String method,
      String pitfall,
      String fix,
      boolean configs,
      List<String> frames,
      Double expectedShare,
      String figure) {
    String what =
        "claim "
            + id
            + ": a cpu share claim needs the profiled method (method), frames (frame-name"
            + " substrings, none blank or with ';') and expectedShare in (0, 1), and no pitfall,"
            + " fix or configurations";
    if (pair == null) {
      return;
    }
    if (method == null
        || pitfall != null
        || fix != null
        || configs
        || frames.isEmpty()
        || frames.stream().anyMatch(f -> f == null || f.isBlank() || f.contains(";"))
        || expectedShare == null
        || !(expectedShare > 0 && expectedShare < 1)
        || RANGE.equals(figure)) {
      throw new IllegalArgumentException(what);
    }
  }

  /** Returns the pair and point as a reader finds it in the pairs table. */
  public String label() {
    if (pair == null) {
      return notComparable != null ? "(no JVM pair can test it)" : "(no pair yet)";
    }
    if (measuresCpuShare()) {
      StringBuilder sb = new StringBuilder(pair).append('.').append(method);
      params.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> sb.append('/').append(e.getKey()).append('=').append(e.getValue()));
      return sb.append(" (cpu profile)").toString();
    }
    if (comparesConfigurations()) {
      ConfigPairs.Spec spec = configSpec().orElseThrow();
      StringBuilder sb =
          new StringBuilder(pair)
              .append('.')
              .append(method)
              .append(' ')
              .append(spec.pitfallLabel())
              .append(" vs ")
              .append(spec.fixLabel());
      params.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> sb.append('/').append(e.getKey()).append('=').append(e.getValue()));
      return sb.toString();
    }
    StringBuilder sb =
        new StringBuilder(pair).append('.').append(pitfall).append(" vs ").append(fix);
    params.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> sb.append('/').append(e.getKey()).append('=').append(e.getValue()));
    if (!"default".equals(config)) {
      sb.append("/config=").append(config);
    }
    return sb.toString();
  }
}
