package io.github.puregrad.bench;

import io.github.puregrad.expr.Expr.Leaf;
import io.github.puregrad.grad.Autodiff;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code MoonsBench.eager} over {@code MoonsBench.flat}, measured in turns in one JVM: one eager
 * step, then four flat-tape steps, 60 times a block, the ratio of the block's medians. JMH runs the
 * two benchmarks minutes apart; on a machine whose speed changes for seconds at a time (see {@code
 * docs/performance.md}) their ratio then depends on when each ran. Here both see the same machine.
 * A check beside JMH, not a replacement: warm-up is the first blocks, which are left out.
 *
 * <pre>{@code
 * java -Xms1g -Xmx1g -cp target/benchmarks.jar io.github.puregrad.bench.Interleaved 30   # seconds
 * }</pre>
 */
public final class Interleaved {
  private static final int STEPS = 60; // eager steps a block
  private static final int FLATS = 4; // flat steps per eager step: about the same time
  static double sink; // a gradient of each eager step, so that none is optimized away

  private Interleaved() {}

  public static void main(String[] args) {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
    Moons data = Moons.load();
    Leaf[] parameters = Eager.leaves(data.parameters());
    FlatTape flat = new FlatTape(1 << 17);
    double[] ratios = new double[0];
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    for (int block = 0; System.nanoTime() < end; block++) {
      long[] eager = new long[STEPS];
      long[] flats = new long[STEPS];
      for (int i = 0; i < STEPS; i++) {
        long t0 = System.nanoTime();
        sink += Autodiff.backward(Eager.moonsLoss(parameters, data)).get(parameters[0]);
        long t1 = System.nanoTime();
        for (int k = 0; k < FLATS; k++) {
          flat.backward(flat.moonsLoss(data.parameters(), data));
        }
        eager[i] = t1 - t0;
        flats[i] = (System.nanoTime() - t1) / FLATS;
      }
      double ratio = (double) median(eager) / median(flats);
      System.out.printf(
          Locale.ROOT,
          "block %3d: eager %,6d us, flat %,5d us, ratio %.2f%n",
          block,
          median(eager) / 1000,
          median(flats) / 1000,
          ratio);
      if (block >= 5) { // past the warm-up
        ratios = Arrays.copyOf(ratios, ratios.length + 1);
        ratios[ratios.length - 1] = ratio;
      }
    }
    Arrays.sort(ratios);
    System.out.printf(
        Locale.ROOT,
        "eager / flat, median of %d blocks: %.2f (min %.2f, max %.2f)%n",
        ratios.length,
        ratios.length == 0 ? Double.NaN : ratios[ratios.length / 2],
        ratios.length == 0 ? Double.NaN : ratios[0],
        ratios.length == 0 ? Double.NaN : ratios[ratios.length - 1]);
  }

  private static long median(long[] times) {
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
