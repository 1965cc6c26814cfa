package io.github.puregrad.grad;

import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.expr.UnaryOp;
import io.vavr.Tuple;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 * Tape.Result e = tape.evaluate(0.5, -1.0);  // as if the graph were built from x=0.5, y=-1
 * e.value();                                 // 0.5 * -1 + tanh(0.5)
 * e.get(x);                                  // d/dx = y + 1 - tanh(x)^2
 * }</pre>
 *
 * <p>Every other leaf is a constant, frozen at its traced value. The tape keeps the traced graph's
 * topological order and computes each value and local derivative with the same floating-point
 * operations as {@link Expr} and {@link Autodiff}, so an evaluation equals, to the last bit, the
 * eager gradient of the graph rebuilt with the new values. A tape is immutable and may be evaluated
 * from any number of threads at once; {@link #evaluate(Workspace, double...)} reuses scratch arrays
 * that the caller holds.
 */
public final class Tape {
  // What the loops do at a position. ADD, MUL, RELU and TANH call their rules on the constants
  // (BinaryOp.ADD, ...), whose functions the JIT sees and inlines: a network is mostly + and * and
  // its activation (decision 0048). Every other operation goes through its op. Same rules, same
  // bits.
  private static final byte LEAF = 0;
  private static final byte UNARY = 1;
  private static final byte BINARY = 2;
  private static final byte ADD = 3;
  private static final byte MUL = 4;
  private static final byte RELU = 5;
  private static final byte TANH = 6;
  // A dot product's run, s = a + m1 + m2 + ... with each term m = b * c: the MUL that starts it and
  // the ADD that ends it. Each loop takes the whole run in one step, its running sum (forward) and
  // gradient (backward) in a register instead of a store and a load per term (decision 0049).
  private static final byte DOT = 7;
  private static final byte DOT_END = 8;

  // By topological position: what to do, the operation of a node (null in the array of the other
  // arity and for leaves), its operand positions (-1 where none) and a leaf's traced value.
  private final byte[] code;
  private final UnaryOp[] unary;
  private final BinaryOp[] binary;
  private final int[] left;
  private final int[] right;
  private final int[] run; // at a DOT, the position of its DOT_END; at a DOT_END, of its DOT
  private final double[] traced;
  private final Vector<Expr.Leaf> variables;
  private final int[] slots; // topological position of each variable, -1 if not in the graph
  private final Map<Long, Integer> variableIndex; // id -> index in variables
  private final int[] observed; // topological positions of the nodes whose values a Result keeps
  // the generated code's parts, run in order, or null: the interpreter's loops run
  // Set at construction, but for a tiered tape, whose code is generated at its TIER-th evaluation
  // and published here once (decision 0085); either way the numbers are the same.
  private volatile Generator.Part @Nullable [] parts;
  private volatile Backend backend;
  private final boolean tiered;
  private int evaluations; // a tiered tape's, until then: racy on purpose, a lost count is harmless

  private Tape(
      byte[] code,
      UnaryOp[] unary,
      BinaryOp[] binary,
      int[] left,
      int[] right,
      int[] run,
      double[] traced,
      Vector<Expr.Leaf> variables,
      int[] slots,
      Map<Long, Integer> variableIndex,
      int[] observed,
      Generator.Part @Nullable [] parts,
      Backend backend,
      boolean tiered) {
    this.code = code;
    this.unary = unary;
    this.binary = binary;
    this.left = left;
    this.right = right;
    this.run = run;
    this.traced = traced;
    this.variables = variables;
    this.slots = slots;
    this.variableIndex = variableIndex;
    this.observed = observed;
    this.parts = parts;
    this.backend = backend;
    this.tiered = tiered;
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
    return trace(output, variables, Vector.empty());
  }

  /**
   * Traces {@code output} as {@link #trace(Expr, Iterable)} does, and keeps the value of each node
   * of {@code observed} at every evaluation ({@link Result#observed()}): what a training step reads
   * besides the loss, such as a model's scores for its accuracy, with no records built.
   *
   * @throws IllegalArgumentException if an observed node is not in {@code output}'s graph
   */
  @SuppressWarnings("ReferenceEquality") // the four inlined rows are constants: identity is meant
  public static Tape trace(
      Expr output, Iterable<? extends Expr.Leaf> variables, Iterable<? extends Expr> observed) {
    Objects.requireNonNull(output, "output is null");
    Objects.requireNonNull(variables, "variables is null");
    Graph graph = Graph.of(output);
    int n = graph.size();
    byte[] code = new byte[n];
    UnaryOp[] unary = new UnaryOp[n];
    BinaryOp[] binary = new BinaryOp[n];
    int[] left = new int[n];
    int[] right = new int[n];
    double[] traced = new double[n];
    for (int p = 0; p < n; p++) {
      Expr node = graph.node(p);
      left[p] = node instanceof Expr.Leaf ? -1 : graph.operandPosition(p, 0);
      right[p] = node instanceof Expr.Binary ? graph.operandPosition(p, 1) : -1;
      if (node instanceof Expr.Binary b) {
        binary[p] = b.op();
        code[p] = b.op() == BinaryOp.ADD ? ADD : b.op() == BinaryOp.MUL ? MUL : BINARY;
      } else if (node instanceof Expr.Unary u) {
        unary[p] = u.op();
        code[p] = u.op() == UnaryOp.RELU ? RELU : u.op() == UnaryOp.TANH ? TANH : UNARY;
      } else {
        traced[p] = node.value(); // a leaf: a constant, or a variable's traced value
      }
    }
    int[] run = runs(code, left, right);
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
    Vector<Expr> watched = Vector.ofAll(observed);
    int[] positions = new int[watched.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = graph.positionOf(watched.get(i));
      if (positions[i] < 0) {
        throw new IllegalArgumentException(
            "observed node " + i + " (" + watched.get(i) + ") is not in the output's graph");
      }
    }
    return new Tape(
        code,
        unary,
        binary,
        left,
        right,
        run,
        traced,
        leaves,
        slots,
        index,
        positions,
        null,
        new Backend.Interpreted("traced, not compiled: see compile()"),
        false);
  }

  // Finds the dot products' runs: positions s, s+1, ..., e alternating MUL and ADD, where each ADD
  // adds the MUL just before it to the ADD two before it (or, first, to any node), and every node
  // but the last is used once, by the next ADD. Only then may a gradient skip memory: the one use
  // is its whole gradient, 0.0 + g * 1.0, known when the loop gets there.
  private static int[] runs(byte[] code, int[] left, int[] right) {
    int n = code.length;
    int[] uses = new int[n];
    for (int p = 0; p < n; p++) {
      if (left[p] >= 0) {
        uses[left[p]]++;
      }
      if (right[p] >= 0) {
        uses[right[p]]++;
      }
    }
    int[] run = new int[n];
    int start = -1; // of the run the last term ended, if it may go on
    for (int p = 1; p < n; p++) {
      boolean term = code[p] == ADD && right[p] == p - 1 && code[p - 1] == MUL && uses[p - 1] == 1;
      if (!term) {
        continue;
      }
      boolean goesOn = start >= 0 && run[start] == p - 2 && left[p] == p - 2 && uses[p - 2] == 1;
      start = goesOn ? start : p - 1;
      code[start] = DOT;
      code[p] = DOT_END;
      if (goesOn) {
        code[p - 2] = ADD; // no longer the end
      }
      run[start] = p;
      run[p] = start;
    }
    return run;
  }

  // -- non-static API

  /**
   * {@return this tape, evaluated by JVM bytecode generated for it}: straight-line code for its
   * forward and backward sweeps, defined as hidden classes (unloaded with the tape) that HotSpot
   * compiles like any method (decision 0085). The numbers are the interpreter's, to the last bit.
   * Generation takes milliseconds (about 10 ms for 10,000 nodes) and HotSpot's compilation of the
   * new code a few more calls: worth it for a tape evaluated many times. Where the generator
   * declines (ASM, {@code org.ow2.asm:asm}, is not on the class path, or the tape is larger than it
   * writes), the result is this tape interpreted, with the reason in {@link #backend()}.
   */
  public Tape compile() {
    return compile(MAX_NODES); // not Generator's: it is loaded only when ASM is there
  }

  /** {@return {@link #compile()} with another node limit: for tests of tapes above it} */
  Tape compile(int maxNodes) {
    if (parts != null) {
      return this;
    }
    Built built = build(maxNodes);
    return with(built.parts(), built.backend(), false);
  }

  /**
   * {@return this tape, interpreted for its first 1,000 evaluations and then compiled}, as HotSpot
   * tiers its own code: generation ({@link #compile()}) pays off for a tape evaluated thousands of
   * times, and costs more than it saves for one evaluated a few times. What {@link Compiled}, the
   * training step on the tape and {@code Minimize} use. Which backend an evaluation runs is seen
   * only in time and in {@link #backend()}: the numbers are the same to the last bit. The count and
   * the code, set once, are the tape's only mutable state (docs/design.md).
   */
  public Tape tiered() {
    return parts != null || tiered
        ? this
        : with(
            null,
            new Backend.Interpreted(
                "tiered: interpreted for its first " + TIER + " evaluations, then compiled"),
            true);
  }

  /** The evaluations after which a {@link #tiered()} tape is compiled. */
  static final int TIER = 1_000;

  private record Built(Generator.Part @Nullable [] parts, Backend backend) {}

  private Built build(int maxNodes) {
    long start = System.nanoTime();
    if (!Boolean.parseBoolean(System.getProperty(SWITCH, "true"))) {
      return new Built(null, new Backend.Interpreted("switched off: -D" + SWITCH + "=false"));
    }
    if (!asm()) {
      return new Built(
          null, new Backend.Interpreted("ASM (org.ow2.asm:asm) is not on the class path"));
    }
    if (left.length > maxNodes) {
      return new Built(
          null,
          new Backend.Interpreted(
              left.length
                  + " nodes: more than the "
                  + maxNodes
                  + " the generator writes (HotSpot would take minutes to compile that much"
                  + " code)"));
    }
    try {
      Generator.Code generated =
          new Generator(unary, binary, left, right, traced, slots, observed).generate();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new Built(
          generated.parts(),
          new Backend.Generated(
              generated.parts().length, generated.methods(), generated.largestMethod(), took));
    } catch (Generator.Declined declined) {
      return new Built(null, new Backend.Interpreted(String.valueOf(declined.getMessage())));
    }
  }

  // A tiered tape's code, generated once by the evaluation that reaches TIER
  private synchronized Generator.Part @Nullable [] promote() {
    if (parts == null) {
      Built built = build(MAX_NODES);
      backend = built.backend();
      parts = built.parts(); // published after the backend that describes it
    }
    return parts;
  }

  /**
   * The largest tape the generator writes. Each method runs once per evaluation, so HotSpot
   * compiles it after thousands of evaluations, one method at a time: for the 65,818 nodes of the
   * moons step (about 1,000 methods) that took more than a minute here, and the code ran slower
   * than the interpreter meanwhile (decision 0085). 15,345 nodes (Rosenbrock, n = 1,024) ran 9x
   * faster than the interpreter. {@code -Dpuregrad.bytecode.maxNodes=N} moves the limit (the
   * benchmarks measure the moons step above it).
   */
  static final int MAX_NODES = Integer.getInteger("puregrad.bytecode.maxNodes", 20_000);

  /**
   * The system property that switches generation off for the whole JVM: with {@code
   * -Dpuregrad.bytecode=false}, {@link #compile()} returns the tape interpreted, and so do {@link
   * Compiled}, training on the tape and {@code Minimize}, which compile by default.
   */
  public static final String SWITCH = "puregrad.bytecode";

  /**
   * {@return this tape, evaluated by the interpreter's loops: the switch off {@link #compile()}}
   */
  public Tape interpret() {
    return parts == null && !tiered
        ? this
        : with(null, new Backend.Interpreted("asked for: interpret()"), false);
  }

  /** {@return what evaluates this tape: generated code, or the interpreter and why} */
  public Backend backend() {
    return backend;
  }

  private Tape with(Generator.Part @Nullable [] code, Backend by, boolean tier) {
    return new Tape(
        this.code,
        unary,
        binary,
        left,
        right,
        run,
        traced,
        variables,
        slots,
        variableIndex,
        observed,
        code,
        by,
        tier);
  }

  // ASM's classes are only loaded by the generator, and only when they are there
  private static boolean asm() {
    try {
      Class.forName("org.objectweb.asm.ClassWriter", false, Tape.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** {@return the number of nodes on the tape} */
  public int size() {
    return left.length;
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
  public Result evaluate(double... values) {
    return evaluate(workspace(), values);
  }

  /**
   * {@return a new workspace: the arrays one evaluation writes into, for {@link
   * #evaluate(Workspace, double...)}}
   */
  public Workspace workspace() {
    return new Workspace(traced.clone(), new double[left.length]);
  }

  /**
   * {@return the evaluation at these values, computed in {@code workspace}}: what {@link
   * #evaluate(double...)} does without allocating two arrays of the tape's size per call. The
   * workspace is the caller's mutable scratch space: one thread at a time, and only for this tape.
   *
   * @throws IllegalArgumentException on a wrong count, a non-finite value or another tape's
   *     workspace
   */
  public Result evaluate(Workspace workspace, double... values) {
    Objects.requireNonNull(workspace, "workspace is null");
    Objects.requireNonNull(values, "values is null");
    if (workspace.values.length != left.length) {
      throw new IllegalArgumentException(
          "workspace of size " + workspace.values.length + " for a tape of size " + left.length);
    }
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
    double[] gradients = new double[slots.length];
    double output = run(workspace, values, gradients);
    double[] seen = new double[observed.length];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = workspace.values[observed[i]];
    }
    return new Result(this, output, values.clone(), gradients, seen);
  }

  /**
   * {@return the output's value at {@code values}, its gradient written into {@code gradients}}: an
   * evaluation without a Result, on checked arguments, by the generated code or the loops
   */
  double run(Workspace workspace, double[] values, double[] gradients) {
    double[] value = workspace.values;
    double[] grad = workspace.grads;
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] >= 0) {
        value[slots[i]] = values[i];
      }
    }
    Generator.Part[] generated = parts;
    if (generated == null && tiered && ++evaluations == TIER) {
      generated = promote();
    }
    if (generated != null) {
      for (Generator.Part part : generated) {
        part.run(values, value, grad, gradients); // writes the variables' gradients in the graph
      }
    } else {
      forward(value);
      backward(value, grad);
    }
    for (int i = 0; i < slots.length; i++) {
      gradients[i] = slots[i] < 0 ? 0.0 : generated != null ? gradients[i] : grad[slots[i]];
    }
    return value[left.length - 1];
  }

  /**
   * {@return the evaluation at the values of {@code leaves}}: the variables themselves or their
   * updated versions ({@link Expr.Leaf#withValue}), in the same order, as a training step yields.
   *
   * @throws IllegalArgumentException if a leaf is not the variable at its place (another id)
   */
  public Result evaluate(Iterable<? extends Expr.Leaf> leaves) {
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

  /** {@return the number of dot products' runs the loops take in one step (for tests)} */
  int runs() {
    int runs = 0;
    for (byte c : code) {
      runs += c == DOT ? 1 : 0;
    }
    return runs;
  }

  int indexOf(Expr node) {
    Integer i = variableIndex.get(node.id());
    return i == null ? -1 : i;
  }

  @Override
  public String toString() {
    return "Tape[size=" + left.length + ", variables=" + slots.length + "]";
  }

  // Each value and local derivative comes from the node's operation, with the operands the eager
  // node had: the same function on the same numbers, so the same bits as Expr and Autodiff.

  private void forward(double[] v) {
    for (int p = 0; p < code.length; p++) {
      switch (code[p]) {
        case ADD -> v[p] = BinaryOp.ADD.apply(v[left[p]], v[right[p]]);
        case MUL -> v[p] = BinaryOp.MUL.apply(v[left[p]], v[right[p]]);
        case DOT -> p = forwardRun(v, p);
        case DOT_END -> v[p] = BinaryOp.ADD.apply(v[left[p]], v[right[p]]); // reached through DOT
        case BINARY -> v[p] = binary[p].apply(v[left[p]], v[right[p]]);
        case RELU -> v[p] = UnaryOp.RELU.apply(v[left[p]]);
        case TANH -> v[p] = UnaryOp.TANH.apply(v[left[p]]);
        case UNARY -> v[p] = unary[p].apply(v[left[p]]);
        case LEAF -> {} // its traced value, or the variable's value written before
        default -> throw new AssertionError("no such code: " + code[p]);
      }
    }
  }

  private void backward(double[] v, double[] grad) {
    int last = code.length - 1;
    Arrays.fill(grad, 0.0);
    grad[last] = 1.0;
    for (int p = last; p >= 0; p--) {
      double g = grad[p];
      int l = left[p];
      int r = right[p];
      switch (code[p]) {
        case ADD -> {
          grad[l] += g * BinaryOp.ADD.partial(0, v[l], v[r], v[p]);
          grad[r] += g * BinaryOp.ADD.partial(1, v[l], v[r], v[p]);
        }
        case MUL, DOT -> { // a DOT is reached through its DOT_END
          grad[l] += g * BinaryOp.MUL.partial(0, v[l], v[r], v[p]);
          grad[r] += g * BinaryOp.MUL.partial(1, v[l], v[r], v[p]);
        }
        case DOT_END -> p = backwardRun(v, grad, p);
        case BINARY -> {
          grad[l] += g * binary[p].partial(0, v[l], v[r], v[p]);
          grad[r] += g * binary[p].partial(1, v[l], v[r], v[p]);
        }
        case RELU -> grad[l] += g * UnaryOp.RELU.partial(v[l], v[p]);
        case TANH -> grad[l] += g * UnaryOp.TANH.partial(v[l], v[p]);
        case UNARY -> grad[l] += g * unary[p].partial(v[l], v[p]);
        case LEAF -> {} // nothing below it
        default -> throw new AssertionError("no such code: " + code[p]);
      }
    }
  }

  // The run from the DOT at s to its DOT_END: the same operations as the ADD and MUL cases, in the
  // same order. Returns the run's last position.
  private int forwardRun(double[] v, int s) {
    int e = run[s];
    double sum = v[left[s + 1]];
    for (int m = s; m < e; m += 2) {
      v[m] = BinaryOp.MUL.apply(v[left[m]], v[right[m]]);
      sum = BinaryOp.ADD.apply(sum, v[m]);
      v[m + 1] = sum;
    }
    return e;
  }

  // The run from its DOT_END at e down to its DOT, as the ADD and MUL cases would: each node's
  // gradient is 0.0 plus its one use's share, which the ADD cases would store and the next step
  // load. Returns the run's first position.
  private int backwardRun(double[] v, double[] grad, int e) {
    int s = run[e];
    double g = grad[e];
    for (int a = e; a > s; a -= 2) {
      int m = a - 1;
      int l = left[a];
      double toSum = g * BinaryOp.ADD.partial(0, v[l], v[m], v[a]);
      double toTerm = 0.0 + g * BinaryOp.ADD.partial(1, v[l], v[m], v[a]);
      if (m > s) {
        g = 0.0 + toSum; // the sum before this term: its only use
      } else {
        grad[l] += toSum; // the run's first operand, used anywhere
      }
      int b = left[m];
      int c = right[m];
      grad[b] += toTerm * BinaryOp.MUL.partial(0, v[b], v[c], v[m]);
      grad[c] += toTerm * BinaryOp.MUL.partial(1, v[b], v[c], v[m]);
    }
    return s;
  }

  /**
   * The scratch arrays of one evaluation: explicit, mutable and owned by the caller, so that a
   * training loop can evaluate a tape step after step without allocating. Use one per thread.
   *
   * <pre>{@code
   * Tape.Workspace scratch = tape.workspace();
   * tape.evaluate(scratch, 0.5, -1.0);
   * tape.evaluate(scratch, 0.6, -1.0);   // the same arrays, overwritten
   * }</pre>
   */
  public static final class Workspace {
    private final double[] values;
    private final double[] grads;

    private Workspace(double[] values, double[] grads) {
      this.values = values;
      this.grads = grads;
    }
  }

  /**
   * One evaluation of a {@link Tape}: the output's value and its gradient with respect to each
   * variable, read by variable as from {@link Gradients}. Immutable.
   *
   * <pre>{@code
   * Tape.Result e = tape.evaluate(0.5, -1.0);
   * e.value();   // the output at x = 0.5, y = -1
   * e.get(x);    // d output / d x there; also through x.withValue(...), same id
   * e.at(1);     // d output / d y
   * }</pre>
   */
  public static final class Result {
    private final Tape tape;
    private final double value;
    private final double[] values; // of the variables; never written after construction
    private final double[] gradients; // by variable index; never written after construction
    private final double[] observed; // never written after construction

    Result(Tape tape, double value, double[] values, double[] gradients, double[] observed) {
      this.tape = tape;
      this.value = value;
      this.values = values;
      this.gradients = gradients;
      this.observed = observed;
    }

    /**
     * {@return the values of the observed nodes, in order (see {@link Tape#trace(Expr, Iterable,
     * Iterable)}; built on each call, O(n))}
     */
    public Vector<Double> observed() {
      return Vector.ofAll(observed);
    }

    /** {@return the output's value at these variable values} */
    public double value() {
      return value;
    }

    /** {@return d output / d variable, found by id; 0.0 for a node that is not a variable} */
    public double get(Expr variable) {
      int i = tape.indexOf(variable);
      return i < 0 ? 0.0 : gradients[i];
    }

    /** {@return d output / d variable {@code index}, in the order of {@link Tape#variables()}} */
    public double at(int index) {
      return gradients[index];
    }

    /** {@return the number of variables} */
    public int size() {
      return gradients.length;
    }

    /** {@return the variables at the values of this evaluation (built on each call, O(n))} */
    public Vector<Expr.Leaf> variables() {
      return tape.variables().zipWithIndex().map(t -> t._1.withValue(values[t._2]));
    }

    /** {@return every variable, at this evaluation's value, with its gradient (O(n) per call)} */
    public io.vavr.collection.Map<Expr, Double> asMap() {
      return LinkedHashMap.ofEntries(
          variables().zipWithIndex().map(t -> Tuple.<Expr, Double>of(t._1, gradients[t._2])));
    }

    @Override
    public String toString() {
      return "Result[value=" + value + ", variables=" + gradients.length + "]";
    }
  }
}
