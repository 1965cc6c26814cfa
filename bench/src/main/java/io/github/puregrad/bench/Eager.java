package io.github.puregrad.bench;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Expr.Leaf;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The three workloads written with plain {@link Expr} calls, in micrograd's order of operations, so
 * the graphs have micrograd's node counts (moons 65,818, seed net 398) and its rounding.
 *
 * <pre>{@code
 * Expr loss = Eager.moonsLoss(Eager.leaves(moons.parameters()), moons);
 * loss.value();   // 0.8958441028683222
 * }</pre>
 */
final class Eager {
  /** micrograd lecture's seed data: 4 samples of 3 inputs, targets ±1. */
  static final double[][] SEED_XS = {{2, 3, -1}, {3, -1, 0.5}, {0.5, 1, 1}, {1, 1, -1}};

  static final double[] SEED_YS = {1, -1, -1, 1};
  static final int[] SEED_SIZES = {3, 4, 4, 1};
  static final int CHAIN_OPS = 1_000_000;

  private Eager() {}

  static Leaf[] leaves(double[] values) {
    Leaf[] leaves = new Leaf[values.length];
    for (int i = 0; i < values.length; i++) {
      leaves[i] = Expr.of(values[i], "p" + i);
    }
    return leaves;
  }

  /** The seed net's 41 parameters, uniform in [-1, 1) from a fixed seed (as the lecture draws). */
  static double[] seedParameters() {
    Random random = new Random(1337);
    double[] p = new double[parameterCount(SEED_SIZES)];
    for (int i = 0; i < p.length; i++) {
      p[i] = 2 * random.nextDouble() - 1;
    }
    return p;
  }

  static int parameterCount(int[] sizes) {
    int count = 0;
    for (int l = 1; l < sizes.length; l++) {
      count += sizes[l] * (sizes[l - 1] + 1);
    }
    return count;
  }

  /**
   * micrograd's moons loss: hidden ReLU, linear output, {@code mean(relu(1 - y*score)) + 1e-4 *
   * sum(p*p)}, the inputs of a point as shared leaves ({@code list(map(Value, xrow))}).
   */
  static Expr moonsLoss(Leaf[] p, Moons data) {
    Expr sum = moonsTerm(p, data, 0).add(0.0); // sum() starts at 0: 0 + l0 = l0 + 0
    for (int n = 1; n < data.size(); n++) {
      sum = sum.add(moonsTerm(p, data, n));
    }
    Expr dataLoss = sum.mul(1.0 / data.size());
    Expr squares = p[0].mul(p[0]).add(0.0);
    for (int i = 1; i < p.length; i++) {
      squares = squares.add(p[i].mul(p[i]));
    }
    return dataLoss.add(squares.mul(1e-4));
  }

  /** {@code (1 + -yi*scorei).relu()} for point {@code n}. */
  private static Expr moonsTerm(Leaf[] p, Moons data, int n) {
    Expr[] x = {Expr.of(data.x0()[n]), Expr.of(data.x1()[n])};
    Expr score = mlp(p, Moons.SIZES, i -> x[i], false)[0];
    return score.mul(-data.y()[n]).add(1.0).relu();
  }

  /**
   * The micrograd lecture's net: MLP(3, [4, 4, 1]), tanh everywhere, sum of squared errors over the
   * 4 samples; the raw inputs become a new leaf in every first-layer product ({@code wi*xi}).
   */
  static Expr seedLoss(Leaf[] p) {
    Expr sum = seedError(p, 0).add(0.0);
    for (int n = 1; n < SEED_XS.length; n++) {
      sum = sum.add(seedError(p, n));
    }
    return sum;
  }

  /**
   * {@code (yout - ygt)**2} for sample {@code n}; {@code yout - ygt} is {@code yout + Value(-ygt)}.
   */
  private static Expr seedError(Leaf[] p, int n) {
    double[] x = SEED_XS[n];
    Expr out = mlp(p, SEED_SIZES, i -> Expr.of(x[i]), true)[0];
    return out.add(-SEED_YS[n]).pow(2);
  }

  /** {@code x <- x * 0.5, x <- x + 1} alternately: 2 nodes (a constant and the op) per op. */
  static Expr chain(int ops) {
    return chain(Expr.of(1.0, "x"), ops);
  }

  static Expr chain(Leaf start, int ops) {
    Expr x = start;
    for (int i = 0; i < ops; i++) {
      x = (i & 1) == 0 ? x.mul(0.5) : x.add(1.0);
    }
    return x;
  }

  /** A neuron is {@code b + w0*x0 + w1*x1 + ...} (micrograd's {@code sum(..., self.b)}). */
  private static Expr[] mlp(Leaf[] p, int[] sizes, IntFunction<Expr> input, boolean tanh) {
    Expr[] x = new Expr[0];
    int next = 0;
    for (int l = 1; l < sizes.length; l++) {
      boolean hidden = l < sizes.length - 1;
      Expr[] out = new Expr[sizes[l]];
      for (int j = 0; j < sizes[l]; j++) {
        int bias = next + sizes[l - 1];
        Expr act = p[bias];
        for (int i = 0; i < sizes[l - 1]; i++) {
          act = act.add(p[next + i].mul(l == 1 ? input.apply(i) : x[i]));
        }
        next = bias + 1;
        out[j] = tanh ? act.tanh() : hidden ? act.relu() : act;
      }
      x = out;
    }
    return x;
  }
}
