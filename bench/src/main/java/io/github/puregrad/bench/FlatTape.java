package io.github.puregrad.bench;

import java.util.Arrays;

/**
 * The baseline: the fastest plain-Java way to differentiate a scalar graph. Parallel arrays,
 * forward appends a slot per node, backward is one reverse loop over a {@code switch}. Parameters
 * are the first slots; {@link #reset} drops everything after them between steps.
 *
 * <pre>{@code
 * FlatTape t = new FlatTape(1 << 10);
 * int x = t.leaf(3.0);
 * int y = t.mul(x, x);
 * t.backward(y);
 * t.grad[x];   // 6.0
 * }</pre>
 */
final class FlatTape {
  private static final byte LEAF = 0;
  private static final byte ADD = 1;
  private static final byte MUL = 2;
  private static final byte POW = 3;
  private static final byte TANH = 4;
  private static final byte RELU = 5;
  private static final int[] NO_SLOTS = {};
  private static final double[] NO_RAW = {};

  double[] value;
  double[] grad;
  private double[] exponent;
  private int[] left;
  private int[] right;
  private byte[] op;
  int size;
  int[] scores = new int[0]; // the slots of the last moonsLoss's scores, for the accuracy

  FlatTape(int capacity) {
    value = new double[capacity];
    grad = new double[capacity];
    exponent = new double[capacity];
    left = new int[capacity];
    right = new int[capacity];
    op = new byte[capacity];
  }

  void reset(int keep) {
    size = keep;
  }

  int leaf(double v) {
    return append(LEAF, v, -1, -1, 0);
  }

  int add(int a, int b) {
    return append(ADD, value[a] + value[b], a, b, 0);
  }

  int add(int a, double c) {
    return add(a, leaf(c));
  }

  int mul(int a, int b) {
    return append(MUL, value[a] * value[b], a, b, 0);
  }

  int mul(int a, double c) {
    return mul(a, leaf(c));
  }

  int pow(int a, double e) {
    return append(POW, Math.pow(value[a], e), a, -1, e);
  }

  int tanh(int a) {
    return append(TANH, Math.tanh(value[a]), a, -1, 0);
  }

  int relu(int a) {
    double v = value[a];
    return append(RELU, v > 0 ? v : 0.0, a, -1, 0);
  }

  void backward(int out) {
    Arrays.fill(grad, 0, out + 1, 0.0);
    grad[out] = 1.0;
    for (int p = out; p >= 0; p--) {
      double g = grad[p];
      switch (op[p]) {
        case ADD -> {
          grad[left[p]] += g;
          grad[right[p]] += g;
        }
        case MUL -> {
          grad[left[p]] += g * value[right[p]];
          grad[right[p]] += g * value[left[p]];
        }
        case POW -> grad[left[p]] += g * (exponent[p] * Math.pow(value[left[p]], exponent[p] - 1));
        case TANH -> grad[left[p]] += g * (1 - value[p] * value[p]);
        case RELU -> grad[left[p]] += g * (value[p] > 0 ? 1.0 : 0.0);
        default -> {}
      }
    }
  }

  private int append(byte kind, double v, int a, int b, double e) {
    if (size == value.length) {
      grow();
    }
    int p = size++;
    op[p] = kind;
    value[p] = v;
    left[p] = a;
    right[p] = b;
    exponent[p] = e;
    return p;
  }

  private void grow() {
    int capacity = 2 * value.length;
    value = Arrays.copyOf(value, capacity);
    grad = Arrays.copyOf(grad, capacity);
    exponent = Arrays.copyOf(exponent, capacity);
    left = Arrays.copyOf(left, capacity);
    right = Arrays.copyOf(right, capacity);
    op = Arrays.copyOf(op, capacity);
  }

  // -- the workloads, in the same order of operations as Eager

  /** Loads the parameters into the first slots; returns the slot of the loss. */
  int moonsLoss(double[] parameters, Moons data) {
    reset(0);
    scores = scores.length == data.size() ? scores : new int[data.size()];
    for (double q : parameters) {
      leaf(q);
    }
    int sum = -1;
    for (int n = 0; n < data.size(); n++) {
      int x0 = leaf(data.x0()[n]);
      int x1 = leaf(data.x1()[n]);
      int score = mlp(Moons.SIZES, new int[] {x0, x1}, NO_RAW, false)[0];
      scores[n] = score;
      int loss = relu(add(mul(score, -data.y()[n]), 1.0));
      sum = sum < 0 ? add(loss, 0.0) : add(sum, loss);
    }
    int dataLoss = mul(sum, 1.0 / data.size());
    int squares = -1;
    for (int q = 0; q < parameters.length; q++) {
      squares = squares < 0 ? add(mul(q, q), 0.0) : add(squares, mul(q, q));
    }
    return add(dataLoss, mul(squares, 1e-4));
  }

  int seedLoss(double[] parameters) {
    reset(0);
    for (double q : parameters) {
      leaf(q);
    }
    int sum = -1;
    for (int n = 0; n < Eager.SEED_XS.length; n++) {
      int out = mlp(Eager.SEED_SIZES, NO_SLOTS, Eager.SEED_XS[n], true)[0];
      int error = pow(add(out, -Eager.SEED_YS[n]), 2);
      sum = sum < 0 ? add(error, 0.0) : add(sum, error);
    }
    return sum;
  }

  int chain(int ops) {
    reset(0);
    int x = leaf(1.0);
    for (int i = 0; i < ops; i++) {
      x = (i & 1) == 0 ? mul(x, 0.5) : add(x, 1.0);
    }
    return x;
  }

  /**
   * Inputs as slots (shared; {@code raw} empty) or as raw numbers ({@code slots} empty: a new leaf
   * per product, as in the seed net).
   */
  private int[] mlp(int[] sizes, int[] slots, double[] raw, boolean useTanh) {
    int[] x = slots;
    int next = 0;
    for (int l = 1; l < sizes.length; l++) {
      boolean hidden = l < sizes.length - 1;
      int[] out = new int[sizes[l]];
      for (int j = 0; j < sizes[l]; j++) {
        int bias = next + sizes[l - 1];
        int act = bias;
        for (int i = 0; i < sizes[l - 1]; i++) {
          int input = l > 1 || raw.length == 0 ? x[i] : leaf(raw[i]);
          act = add(act, mul(next + i, input));
        }
        next = bias + 1;
        out[j] = useTanh ? tanh(act) : hidden ? relu(act) : act;
      }
      x = out;
    }
    return x;
  }
}
