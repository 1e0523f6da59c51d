package org.pitfallatlas.analysis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The Java side of {@code scripts/atlas}: one command with subcommands. */
@Command(
    name = "atlas",
    mixinStandardHelpOptions = true,
    description = "The Pitfall Atlas: Go's hidden performance traps, measured on the JVM.",
    subcommands = {CommandLine.HelpCommand.class, CompareCommand.class, PairsCommand.class})
public final class AtlasCli implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new AtlasCli()).execute(args));
  }
}
