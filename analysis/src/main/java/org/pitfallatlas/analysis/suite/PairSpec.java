package org.pitfallatlas.analysis.suite;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A PairSpec is what the suite file says about one pair class: the claim it tests and the parameter
 * point profiled for flame graphs.
 *
 * @param className simple name of the JMH class inside the family's package
 * @param claim the claim (from ATLAS.md) the pair confirms or refutes, or what it shows
 * @param profileParams one representative {@code @Param} point for the flame graphs
 * @param expectedBytesPerOp per method, the JOL-derived allocation expectation (may be empty)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PairSpec(
    @com.fasterxml.jackson.annotation.JsonProperty("class") String className,
    String claim,
    Map<String, String> profileParams,
    Map<String, ExpectedBytes> expectedBytesPerOp) {

  public PairSpec {
    profileParams = profileParams == null ? Map.of() : Map.copyOf(profileParams);
    expectedBytesPerOp = expectedBytesPerOp == null ? Map.of() : Map.copyOf(expectedBytesPerOp);
  }

  /**
   * An ExpectedBytes is the allocation one operation should cost, derived from JOL.
   *
   * @param bytes expected {@code gc.alloc.rate.norm}, bytes per operation
   * @param params the parameter point it applies to
   * @param tolerance relative tolerance (0.1 = 10%)
   * @param toleranceBytes absolute tolerance in bytes; the larger of the two applies
   * @param why the derivation, in words
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ExpectedBytes(
      double bytes,
      Map<String, String> params,
      Double tolerance,
      Double toleranceBytes,
      String why) {}
}
