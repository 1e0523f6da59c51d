package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ForkMergerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode entry(String size, String raw, String norm) throws Exception {
    return (ObjectNode)
        JSON.readTree(
            ("{'benchmark':'org.pitfallatlas.boxing.IntegerSum.fixIntArray','mode':'avgt','forks':1,"
                    + "'params':{'size':'SIZE'},'config':'default',"
                    + "'primaryMetric':{'score':0,'scoreError':'NaN','scoreUnit':'us/op',"
                    + "'scorePercentiles':{'50.0':0,'100.0':0},'rawData':[RAW]},"
                    + "'secondaryMetrics':{'gc.alloc.rate.norm':{'score':0,'scoreUnit':'B/op',"
                    + "'rawData':[NORM]}}}")
                .replace('\'', '"')
                .replace("SIZE", size)
                .replace("RAW", raw)
                .replace("NORM", norm));
  }

  @Test
  void aSecondForkIsAppendedAndTheScoresAreRecomputedOverBoth() throws Exception {
    ObjectNode into = entry("100", "[1.0, 3.0]", "[416.0, 416.0]");
    ForkMerger.append(into, entry("100", "[5.0, 7.0]", "[416.0, 418.0]"));

    assertThat(into.get("forks").asInt()).isEqualTo(2);
    assertThat(into.at("/primaryMetric/rawData").toString()).isEqualTo("[[1.0,3.0],[5.0,7.0]]");
    assertThat(into.at("/primaryMetric/score").asDouble()).isEqualTo(4.0);
    // JMH's error: t(0.9995, 3) * sd / sqrt(n) = 12.924 * 2.582 / 2
    assertThat(into.at("/primaryMetric/scoreError").asDouble()).isCloseTo(16.68, within(0.01));
    assertThat(into.at("/primaryMetric/scorePercentiles/100.0").asDouble()).isEqualTo(7.0);
    assertThat(into.at("/secondaryMetrics/gc.alloc.rate.norm/rawData").size()).isEqualTo(2);
    assertThat(into.at("/secondaryMetrics/gc.alloc.rate.norm/score").asDouble()).isEqualTo(416.5);
  }

  @Test
  void anotherPointIsNeverMergedIn() throws Exception {
    ObjectNode into = entry("100", "[1.0]", "[416.0]");
    assertThatThrownBy(() -> ForkMerger.append(into, entry("10000", "[1.0]", "[416.0]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size")
        .hasMessageContaining("10000");
  }
}
