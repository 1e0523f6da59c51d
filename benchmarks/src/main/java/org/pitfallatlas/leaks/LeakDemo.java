package org.pitfallatlas.leaks;

import java.util.concurrent.TimeUnit;
import org.pitfallatlas.leaks.ParkedThreadLeak.Kind;

/**
 * A process with a goroutine-style leak to take a thread dump of: serves {@code leaked} requests
 * whose backend never replies with ParkedThreadLeak's pitfall handler, prints the jcmd command that
 * dumps its threads, keeps the leaked helpers parked for {@code seconds}, then ends them.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.pitfallatlas.leaks.LeakDemo 1000 VIRTUAL 30 &amp;
 * jcmd &lt;pid&gt; Thread.dump_to_file -format=json /tmp/leak-dump.json
 * </pre>
 */
public final class LeakDemo {

  private LeakDemo() {}

  /**
   * Runs the demo.
   *
   * @param args leaked count (default 1000), VIRTUAL or PLATFORM (default VIRTUAL), seconds to stay
   *     up (default 30)
   * @throws InterruptedException if interrupted while waiting
   */
  public static void main(String[] args) throws InterruptedException {
    ParkedThreadLeak leak = new ParkedThreadLeak();
    leak.leaked = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    leak.kind = args.length > 1 ? Kind.valueOf(args[1]) : Kind.VIRTUAL;
    leak.payloadKiB = 4;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    leak.setUp(true);
    long pid = ProcessHandle.current().pid();
    System.out.printf(
        "%d %s helpers parked forever (%.0f B of heap each). Dump them with:%n"
            + "  jcmd %d Thread.dump_to_file -format=json /tmp/leak-dump.json%n"
            + "Ending them in %d s.%n",
        leak.liveHelpers.get(), leak.kind, leak.retainedBytesPerLeak, pid, seconds);
    TimeUnit.SECONDS.sleep(seconds);
    leak.tearDown();
  }
}
