package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A graph compiled into flat arrays: trace a function of some variables once, then evaluate its
 * value and gradient for new values of those variables without building a single node. What {@code
 * jax.jit} does for a pure function, for graphs whose shape does not change between calls (a
 * training step on the same data, with new parameter values).
 *
 * <pre>{@code
 * Leaf x = Expr.of(2.0, "x");
 * Leaf y = Expr.of(3.0, "y");
 * Tape tape = Tape.trace(x.mul(y).add(x.tanh()), x, y);
 * Evaluation e = tape.evaluate(0.5, -1.0);   // as if the graph were built from x=0.5, y=-1
 * e.value();                                 // 0.5 * -1 + tanh(0.5)
 * e.get(x);                                  // d/dx = y + 1 - tanh(x)^2
 * }</pre>
 *
 * <p>Every other leaf is a constant, frozen at its traced value. The tape keeps the traced graph's
 * topological order and computes each value and local derivative with the same floating-point
 * operations as {@link Expr} and {@link Autodiff}, so an evaluation equals, to the last bit, the
 * eager gradient of the graph rebuilt with the new values. A tape is immutable and may be evaluated
 * from any number of threads at once; each thread reuses its own scratch arrays.
 */
public final class Tape {
  static final byte LEAF = 0;
  static final byte ADD = 1;
  static final byte MUL = 2;
  static final byte POW = 3;
  static final byte POW_EXPR = 4;
  static final byte EXP = 5;
  static final byte LOG = 6;
  static final byte TANH = 7;
  static final byte RELU = 8;
  static final byte SIGMOID = 9;

  private final byte[] op;
  private final int[] left; // operand positions; -1 where the node has none
  private final int[] right;
  private final double[] traced; // leaf values (constants) and Pow exponents; else unused
  private final Vector<Expr.Leaf> variables;
  private final int[] slots; // topological position of each variable, -1 if not in the graph
  private final Map<Long, Integer> variableIndex; // id -> index in variables
  private final ThreadLocal<double[][]> scratch; // per thread: {values, grads}

  private Tape(
      byte[] op,
      int[] left,
      int[] right,
      double[] traced,
      Vector<Expr.Leaf> variables,
      int[] slots,
      Map<Long, Integer> variableIndex) {
    this.op = op;
    this.left = left;
    this.right = right;
    this.traced = traced;
    this.variables = variables;
    this.slots = slots;
    this.variableIndex = variableIndex;
    this.scratch =
        ThreadLocal.withInitial(() -> new double[][] {traced.clone(), new double[op.length]});
  }

  // -- static API

  /** {@return the tape of {@code output} as a function of {@code variables}} */
  public static Tape trace(Expr output, Expr.Leaf... variables) {
    Objects.requireNonNull(variables, "variables is null");
    return trace(output, Vector.of(variables));
  }

  /**
   * Traces {@code output} once, by its {@link Graph}, into flat arrays.
   *
   * @param variables the leaves whose values {@link #evaluate(double...)} takes, in that order; a
   *     variable the output does not depend on gets gradient 0
   * @throws IllegalArgumentException if a variable is given twice
   */
  public static Tape trace(Expr output, Iterable<? extends Expr.Leaf> variables) {
    Objects.requireNonNull(output, "output is null");
    Objects.requireNonNull(variables, "variables is null");
    Graph graph = Graph.of(output);
    int n = graph.size();
    byte[] op = new byte[n];
    int[] left = new int[n];
    int[] right = new int[n];
    double[] traced = new double[n];
    Kind kind = new Kind();
    for (int p = 0; p < n; p++) {
      Expr node = graph.node(p);
      op[p] = node.accept(kind);
      left[p] = node.arity() > 0 ? graph.operandPosition(p, 0) : -1;
      right[p] = node.arity() > 1 ? graph.operandPosition(p, 1) : -1;
      traced[p] = kind.constant;
    }
    Vector<Expr.Leaf> leaves = Vector.ofAll(variables);
    int[] slots = new int[leaves.size()];
    Map<Long, Integer> index = new HashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      Expr.Leaf leaf = Objects.requireNonNull(leaves.get(i), "variable " + i + " is null");
      Integer before = index.put(leaf.id(), i);
      if (before != null) {
        throw new IllegalArgumentException(
            "variable "
                + i
                + " ("
                + leaf
                + ") is variable "
                + before
                + " again: expected distinct leaves");
      }
      slots[i] = graph.positionOf(leaf);
    }
    return new Tape(op, left, right, traced, leaves, slots, index);
  }

  // -- non-static API

  /** {@return the number of nodes on the tape} */
  public int size() {
    return op.length;
  }

  /** {@return the variables, in the order {@link #evaluate(double...)} takes their values} */
  public Vector<Expr.Leaf> variables() {
    return variables;
  }

  /**
   * {@return the output's value and its gradient with respect to every variable, at these values}
   *
   * @param values one finite number per variable, in the order of {@link #variables()}
   * @throws IllegalArgumentException on a wrong count or a NaN or infinite value
   */
  public Evaluation evaluate(double... values) {
    Objects.requireNonNull(values, "values is null");
    if (values.length != slots.length) {
      throw new IllegalArgumentException(
          "expected " + slots.length + " values, one per variable, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "value " + i + " (" + variables.get(i).label() + ") must be finite, got " + values[i]);
      }
    }
    double[][] arrays = scratch.get();
    double[] value = arrays[0];
    double[] grad = arrays[1];
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] >= 0) {
        value[slots[i]] = values[i];
      }
    }
    forward(value);
    backward(value, grad);
    double[] gradients = new double[slots.length];
    for (int i = 0; i < slots.length; i++) {
      gradients[i] = slots[i] >= 0 ? grad[slots[i]] : 0.0;
    }
    return new Evaluation(this, value[op.length - 1], values.clone(), gradients);
  }

  /**
   * {@return the evaluation at the values of {@code leaves}}: the variables themselves or their
   * updated versions ({@link Expr.Leaf#withValue}), in the same order, as a training step yields.
   *
   * @throws IllegalArgumentException if a leaf is not the variable at its place (another id)
   */
  public Evaluation evaluate(Iterable<? extends Expr.Leaf> leaves) {
    Objects.requireNonNull(leaves, "leaves is null");
    double[] values = new double[slots.length];
    int i = 0;
    for (Expr.Leaf leaf : leaves) {
      if (i >= slots.length || leaf.id() != variables.get(i).id()) {
        throw new IllegalArgumentException(
            "leaf "
                + i
                + " ("
                + leaf
                + ") is not the variable at that place: expected "
                + (i < slots.length ? variables.get(i) : "only " + slots.length + " leaves"));
      }
      values[i++] = leaf.value();
    }
    if (i != slots.length) {
      throw new IllegalArgumentException("expected " + slots.length + " leaves, got " + i);
    }
    return evaluate(values);
  }

  int indexOf(Expr node) {
    Integer i = variableIndex.get(node.id());
    return i == null ? -1 : i;
  }

  @Override
  public String toString() {
    return "Tape[size=" + op.length + ", variables=" + slots.length + "]";
  }

  // The formulas below are those of the Expr factories (values) and of Expr.partial (local
  // derivatives), operation for operation: that is what makes the results bit-identical.

  private void forward(double[] v) {
    for (int p = 0; p < op.length; p++) {
      switch (op[p]) {
        case ADD -> v[p] = v[left[p]] + v[right[p]];
        case MUL -> v[p] = v[left[p]] * v[right[p]];
        case POW -> v[p] = Math.pow(v[left[p]], traced[p]);
        case POW_EXPR -> v[p] = Math.pow(v[left[p]], v[right[p]]);
        case EXP -> v[p] = Math.exp(v[left[p]]);
        case LOG -> v[p] = Math.log(v[left[p]]);
        case TANH -> v[p] = Math.tanh(v[left[p]]);
        case RELU -> v[p] = v[left[p]] > 0 ? v[left[p]] : 0.0;
        case SIGMOID -> v[p] = Expr.Sigmoid.logistic(v[left[p]]);
        default -> {} // a leaf: its traced value, or the variable's value written before
      }
    }
  }

  private void backward(double[] v, double[] grad) {
    int last = op.length - 1;
    Arrays.fill(grad, 0.0);
    grad[last] = 1.0;
    for (int p = last; p >= 0; p--) {
      double g = grad[p];
      switch (op[p]) {
        case ADD -> {
          grad[left[p]] += g * 1.0;
          grad[right[p]] += g * 1.0;
        }
        case MUL -> {
          double l = v[left[p]];
          double r = v[right[p]];
          grad[left[p]] += g * r;
          grad[right[p]] += g * l;
        }
        case POW -> grad[left[p]] += g * (traced[p] * Math.pow(v[left[p]], traced[p] - 1));
        case POW_EXPR -> {
          double b = v[left[p]];
          double e = v[right[p]];
          grad[left[p]] += g * (e * Math.pow(b, e - 1));
          grad[right[p]] += g * (v[p] == 0.0 ? 0.0 : v[p] * Math.log(b));
        }
        case EXP -> grad[left[p]] += g * v[p];
        case LOG -> grad[left[p]] += g * (1.0 / v[left[p]]);
        case TANH -> grad[left[p]] += g * (1 - v[p] * v[p]);
        case RELU -> grad[left[p]] += g * (v[p] > 0 ? 1.0 : 0.0);
        case SIGMOID -> grad[left[p]] += g * (v[p] * (1 - v[p]));
        default -> {} // a leaf: nothing below it
      }
    }
  }

  /**
   * The op code of a node, for tracing; leaves its constant (a leaf's value, a {@code Pow}'s
   * exponent, else 0) in {@link #constant}.
   */
  private static final class Kind implements Expr.Visitor<Byte> {
    double constant;

    private Byte code(byte code) {
      constant = 0.0;
      return code;
    }

    @Override
    public Byte leaf(Expr.Leaf node) {
      constant = node.value();
      return LEAF;
    }

    @Override
    public Byte add(Expr.Add node) {
      return code(ADD);
    }

    @Override
    public Byte mul(Expr.Mul node) {
      return code(MUL);
    }

    @Override
    public Byte pow(Expr.Pow node) {
      constant = node.exponent();
      return POW;
    }

    @Override
    public Byte powExpr(Expr.PowExpr node) {
      return code(POW_EXPR);
    }

    @Override
    public Byte exp(Expr.Exp node) {
      return code(EXP);
    }

    @Override
    public Byte log(Expr.Log node) {
      return code(LOG);
    }

    @Override
    public Byte tanh(Expr.Tanh node) {
      return code(TANH);
    }

    @Override
    public Byte relu(Expr.Relu node) {
      return code(RELU);
    }

    @Override
    public Byte sigmoid(Expr.Sigmoid node) {
      return code(SIGMOID);
    }
  }
}
