public class Probe {
  public static void main(String[] a) {
    String mode = a[0]; int seconds = Integer.parseInt(a[1]);
    long[] big = new long[32 << 20]; // 256 MB
    for (int i = 0; i < big.length; i++) big[i] = i;
    long end = System.nanoTime() + seconds * 1_000_000_000L, sink = 0;
    StringBuilder out = new StringBuilder();
    while (System.nanoTime() < end) {
      long t0 = System.nanoTime(), work = 0;
      while (System.nanoTime() - t0 < 100_000_000L) {
        if (mode.equals("mem")) { for (int i = 0; i < big.length; i += 8) { sink += big[i]; big[i] = sink; } work += big.length / 8; }
        else { long x = t0 | 1; for (int k = 0; k < 1_000_000; k++) { x ^= x << 13; x ^= x >>> 7; x ^= x << 17; } sink += x; work += 1_000_000; }
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      out.append(String.format("%.0f ", work / secs / 1e6));
    }
    System.out.println(mode + " (M units/s per 100 ms): " + out + " " + (sink == 42 ? "" : ""));
  }
}
