package org.pitfallatlas.analysis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The Java side of {@code scripts/atlas}: one command with subcommands. */
@Command(
    name = "atlas",
    mixinStandardHelpOptions = true,
    description = "The Pitfall Atlas: Go's hidden performance traps, measured on the JVM.",
    subcommands = {
      ListCommand.class,
      RunCommand.class,
      PairsCommand.class,
      AgreementCommand.class,
      CompareCommand.class,
      ReportCommand.class,
      ClaimsCommand.class,
      DiffsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AtlasCli implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with the atlas's error handling: bad input and failed preconditions ({@link
   * org.pitfallatlas.analysis.run.RunException}, {@link IllegalArgumentException}) print one clear
   * message on stderr and exit with the exception's code (2 for bad input).
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new AtlasCli());
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine cmd = ex.getCommandLine();
          cmd.getErr().println("atlas " + cmd.getCommandName() + ": " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
          cmd.getErr()
              .println(
                  cmd.getHelp().synopsis(0).strip().replaceFirst("^atlas", "Usage: scripts/atlas"));
          cmd.getErr()
              .println(
                  "Try 'scripts/atlas "
                      + (cmd.getCommandName().equals("atlas") ? "" : cmd.getCommandName() + " ")
                      + "--help' for the options.");
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof org.pitfallatlas.analysis.run.RunException re) {
            cmd.getErr().println("atlas " + cmd.getCommandName() + ": " + re.getMessage());
            return re.exitCode();
          }
          if (ex instanceof IllegalArgumentException) {
            cmd.getErr().println("atlas " + cmd.getCommandName() + ": " + ex.getMessage());
            return 2;
          }
          throw ex;
        });
    return cl;
  }
}
