package org.pitfallatlas.analysis.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pitfallatlas.analysis.stats.ForkRatio;

/**
 * A ProfileShare is the part of a profile's samples whose call stack passes through any of a list
 * of frames: for the claim "20% of the CPU goes to context switching and channel locking", the cpu
 * samples under park/unpark, futex and lock frames. It counts every sample of the profiled JVM (all
 * its threads: the benchmark's, JMH's, the JIT's and the GC's), as "share of your CPU" does.
 *
 * <p>A frame pattern matches a frame whose name contains it ({@code Unsafe.park} matches {@code
 * jdk.internal.misc.Unsafe.park}); a sample counts once however many of its frames match. Plain
 * substrings, not regular expressions, so the claim's list reads as the frames it names.
 *
 * <p>The interval treats the recording's time slices ({@link SlicedStacks}) as batches: samples
 * next to each other in time are correlated (a parked thread stays parked), slices of a few hundred
 * milliseconds much less so. The share is the ratio estimator {@code R = Σ m_i / Σ n_i} over slices
 * {@code i} with {@code m_i} matching samples out of {@code n_i}, and its interval the t interval
 * of batch means of the linearised values {@code R + (m_i - R n_i) / n̄} ({@code n̄} the mean slice
 * size; the usual variance of a ratio estimator, which is the plain batch-means interval when every
 * slice holds as many samples), with {@code k - 1} degrees of freedom for {@code k} non-empty
 * slices, clipped to [0, 1]. The t interval is {@link ForkRatio#meanInterval}, the one the fork
 * statistics use. It is an interval within one profiled JVM: it says how precisely that JVM's share
 * is known, not how much another fork's share would differ.
 *
 * @param matched the samples whose stack contains a matching frame
 * @param samples all samples
 * @param slices the non-empty time slices the interval is computed over
 * @param share {@code matched / samples} (NaN without samples)
 * @param lo the lower end of the interval (NaN with fewer than two non-empty slices)
 * @param hi the upper end of the interval
 * @see <a href="https://en.wikipedia.org/wiki/Batch_means">Batch means</a>
 */
public record ProfileShare(
    long matched, long samples, int slices, double share, double lo, double hi) {

  /** The confidence of {@link #lo()} and {@link #hi()}. */
  public static final double CONFIDENCE = 0.95;

  /**
   * Returns the share of a profile's samples under any of the given frames, with its 95% interval
   * over the non-empty time slices.
   *
   * @param stacks the profile
   * @param frames frame-name substrings
   * @return the share
   * @throws IllegalArgumentException if there are no frame patterns, or one is blank or contains
   *     {@code ;}
   */
  public static ProfileShare of(SlicedStacks stacks, List<String> frames) {
    return of(stacks, frames, List.of());
  }

  /**
   * Returns the share of a profile's samples whose stack holds any of {@code frames} and also any
   * of {@code under} (e.g. a queue's class, so that the parks of other code are not counted), with
   * its 95% interval over the non-empty time slices.
   *
   * @param stacks the profile
   * @param frames frame-name substrings
   * @param under frame-name substrings of which the stack must also hold one; empty: any stack
   * @return the share
   * @throws IllegalArgumentException if there are no frame patterns, or one is blank or contains
   *     {@code ;}
   */
  public static ProfileShare of(SlicedStacks stacks, List<String> frames, List<String> under) {
    if (frames == null
        || frames.isEmpty()
        || frames.stream().anyMatch(f -> f == null || f.isBlank() || f.contains(";"))) {
      throw new IllegalArgumentException(
          "a profile share needs frame patterns, none blank or with ';': " + frames);
    }
    long[] m = new long[stacks.slices()];
    long[] n = new long[stacks.slices()];
    for (SlicedStacks.Stack s : stacks.stacks()) {
      boolean match =
          matches(s.frames(), frames) && (under.isEmpty() || matches(s.frames(), under));
      for (int i = 0; i < n.length; i++) {
        n[i] += s.count(i);
        m[i] += match ? s.count(i) : 0;
      }
    }
    return of(m, n);
  }

  /**
   * Returns the share from per-slice counts: {@code matched[i]} of {@code samples[i]} samples in
   * slice {@code i}; empty slices are left out.
   *
   * @param matched matching samples per slice
   * @param samples all samples per slice
   * @return the share with its interval
   * @throws IllegalArgumentException if the arrays differ in length or a slice has more matching
   *     samples than samples, or a negative count
   */
  public static ProfileShare of(long[] matched, long[] samples) {
    if (matched.length != samples.length) {
      throw new IllegalArgumentException("one matched count per slice is needed");
    }
    for (int i = 0; i < samples.length; i++) {
      if (matched[i] < 0 || matched[i] > samples[i]) {
        throw new IllegalArgumentException(
            "slice " + i + ": " + matched[i] + " matching of " + samples[i] + " samples");
      }
    }
    long sm = Arrays.stream(matched).sum();
    long sn = Arrays.stream(samples).sum();
    int k = (int) Arrays.stream(samples).filter(c -> c > 0).count();
    if (sn == 0) {
      return new ProfileShare(0, 0, 0, Double.NaN, Double.NaN, Double.NaN);
    }
    double r = (double) sm / sn;
    if (k < 2) {
      return new ProfileShare(sm, sn, k, r, Double.NaN, Double.NaN);
    }
    double mean = (double) sn / k;
    double[] v = new double[k];
    int j = 0;
    for (int i = 0; i < samples.length; i++) {
      if (samples[i] > 0) {
        v[j++] = r + (matched[i] - r * samples[i]) / mean;
      }
    }
    double[] ci = ForkRatio.withConfidence(CONFIDENCE).meanInterval(v);
    return new ProfileShare(sm, sn, k, r, Math.max(0, ci[0]), Math.min(1, ci[1]));
  }

  /** Returns whether a collapsed stack has a frame containing any of the patterns. */
  static boolean matches(String collapsed, List<String> frames) {
    // A pattern holds no ';', so a substring of the whole line is a substring of one frame.
    return frames.stream().anyMatch(collapsed::contains);
  }

  /** Returns whether the share has an interval (two or more non-empty slices). */
  public boolean hasInterval() {
    return !Double.isNaN(lo);
  }

  /** Formats the share with its interval, e.g. {@code 21% [17%, 25%] of 1,234 samples}. */
  @Override
  public String toString() {
    return percent(share)
        + (hasInterval() ? " [" + percent(lo) + ", " + percent(hi) + "]" : "")
        + String.format(Locale.ROOT, " of %,d samples in %d slices", samples, slices);
  }

  /** Formats a share as a percentage with one decimal below 10%, e.g. {@code 4.2%}, {@code 21%}. */
  public static String percent(double share) {
    if (Double.isNaN(share)) {
      return "?";
    }
    double p = 100 * share;
    return String.format(Locale.ROOT, p < 9.95 ? "%.1f%%" : "%.0f%%", p);
  }
}
