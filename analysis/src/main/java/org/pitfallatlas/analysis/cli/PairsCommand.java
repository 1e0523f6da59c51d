package org.pitfallatlas.analysis.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pitfallatlas.analysis.compare.CompareException;
import org.pitfallatlas.analysis.compare.Pairs;
import org.pitfallatlas.analysis.jmh.JmhInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas pairs}: pitfall vs fix within one run. */
@Command(
    name = "pairs",
    mixinStandardHelpOptions = true,
    description = {
      "Compare, within one run, every pitfall* method with every fix* method of the same class at"
          + " the same params: time ratio fix/pitfall with its CI, speedup (pitfall/fix), B/op,"
          + " verdict.",
      "Exit status: 0 ok, 2 bad input."
    })
public final class PairsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "RUN",
      description = "A run folder (with results.json) or a JMH JSON file.")
  Path run;

  @Mixin StatsOptions stats;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String text;
    try {
      text = stats.format().render(Pairs.of(run, stats.options()));
    } catch (JmhInputException | CompareException | IllegalArgumentException e) {
      err.println("atlas pairs: " + e.getMessage());
      err.flush();
      return 2;
    }
    out.print(text);
    out.flush();
    return 0;
  }
}
