package org.pitfallatlas.analysis.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes the inputs of the performance check: two JMH JSON files of 200 rows (or the count given as
 * the second argument) × 5 forks × 10 iterations. Not a test (figures are never asserted); see
 * analysis/README-stats.md for the timed command.
 *
 * <pre>
 * java -cp analysis/target/test-classes:analysis/target/atlas.jar \
 *   org.pitfallatlas.analysis.compare.TimingInputs /tmp/timing [rows]
 * time java -jar analysis/target/atlas.jar compare /tmp/timing/a.json /tmp/timing/b.json
 * </pre>
 */
public final class TimingInputs {
  private TimingInputs() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/timing");
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Files.createDirectories(dir);
    write(dir.resolve("a.json"), new Random(1), 1.0, rows);
    write(dir.resolve("b.json"), new Random(2), 1.01, rows);
    System.out.println("wrote " + dir.resolve("a.json") + " and " + dir.resolve("b.json"));
  }

  private static void write(Path file, Random rnd, double shift, int rows) throws IOException {
    ObjectMapper m = new ObjectMapper();
    ArrayNode root = m.createArrayNode();
    for (int row = 0; row < rows; row++) {
      double center = (100 + row) * shift;
      ObjectNode e = root.addObject();
      e.put("jmhVersion", "1.37");
      e.put("benchmark", "org.pitfallatlas.timing.Generated.bench" + row);
      e.put("mode", "avgt");
      e.putObject("params").put("size", "1000");
      ObjectNode pm = e.putObject("primaryMetric");
      pm.put("score", center);
      pm.put("scoreUnit", "ns/op");
      ArrayNode raw = pm.putArray("rawData");
      for (int f = 0; f < 5; f++) {
        double fork = center * (1 + 0.01 * rnd.nextGaussian());
        ArrayNode it = raw.addArray();
        for (int i = 0; i < 10; i++) {
          it.add(fork * (1 + 0.01 * rnd.nextGaussian()));
        }
      }
      e.putObject("secondaryMetrics");
    }
    m.writeValue(file.toFile(), root);
  }
}
