package io.github.puregrad.check;

import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.UnaryOp;
import io.github.puregrad.grad.Transforms;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.immutables.value.Value;

/**
 * A seeded generator of random expressions, for property tests of your own code: the same seed
 * gives the same expression on every machine.
 *
 * <pre>{@code
 * ExprGenerator.Sample sample = ExprGenerator.defaults().sample(7L);
 * sample.output();    // the expression
 * sample.inputs();    // its input leaves x0, x1, ...
 * sample.program();   // "v2 = tanh(x1)  # 0.76...\nv3 = mul(v2, x0)  # ...\n..." for messages
 *
 * ExprGenerator deep =
 *     ExprGenerator.builder()
 *         .inputs(3)
 *         .operations(200)
 *         .maxDepth(50)
 *         .low(-1.0)
 *         .high(1.0)
 *         .addOps(ExprGenerator.Op.MUL, ExprGenerator.Op.ADD, ExprGenerator.Op.TANH)
 *         .build();
 * }</pre>
 *
 * <p>Expressions are straight-line programs: each step applies an operation to earlier values, so
 * values are shared and the result is a DAG, built without recursion. The output is the last step.
 * Steps keep clear of points where finite differences mislead, by each operation's own {@code
 * smooth} rule: an operand within 0.1 of a point where the operation is not smooth (the 0 of {@code
 * log}, {@code sqrt}, {@code relu}, {@code abs}, of negative and fractional powers and of the base
 * of {@code pow(Expr)}) becomes {@code v*v + 0.5}, and so does a divisor of {@code div} that is not
 * above 0.1; {@code exp} of a value beyond 5 in size is taken of its {@code tanh}, and values
 * beyond 1e6 in size are squashed with {@code tanh}. These guard steps are part of the program.
 *
 * <p><b>Depth.</b> The depth of a value is the number of drawn operations on its longest path from
 * an input (inputs have depth 0; guard steps do not count). Operands are drawn only from values of
 * depth below {@code maxDepth}, so no value is deeper than that; since a drawn operation with its
 * guard steps is at most {@value #NODES_PER_OPERATION} nodes, no path in the graph has more than
 * {@code NODES_PER_OPERATION * maxDepth} operation nodes. Draws favour recent values, so with no
 * depth limit expressions grow deep as well as wide.
 *
 * @param inputs how many input leaves, {@code x0 ... x(n-1)}; default 2
 * @param operations how many operations to draw; default 12
 * @param maxDepth the largest depth of any value; default unlimited ({@link Integer#MAX_VALUE})
 * @param low the smallest input value; default -2
 * @param high the largest input value; default 2
 * @param ops the operations to draw from, uniformly; empty (the default) means all of them
 * @param edges when true, for tests of IEEE edge cases rather than of gradients: an input is drawn
 *     half the time from {@link #EDGE_VALUES} (0, -0.0, values whose exp or product overflows), and
 *     there are no guard steps, so values and gradients may be NaN or infinite; default false
 */
@Value.Builder
public record ExprGenerator(
    int inputs,
    int operations,
    int maxDepth,
    double low,
    double high,
    Set<ExprGenerator.Op> ops,
    boolean edges) {

  /** The inputs that {@link #edges()} draws from half the time. */
  public static final Vector<Double> EDGE_VALUES =
      Vector.of(0.0, -0.0, 1.0, -1.0, 1000.0, -1000.0, 1e300, -1e300);

  /** The most operation nodes one drawn operation adds to a path, guard steps included. */
  public static final int NODES_PER_OPERATION = 5;

  /** The operations a generator can draw. */
  public enum Op {
    ADD,
    SUB,
    MUL,
    DIV,
    POW,
    POW_EXPR,
    NEG,
    EXP,
    LOG,
    TANH,
    RELU,
    SIGMOID,
    SIN,
    COS,
    SQRT,
    ABS
  }

  public ExprGenerator {
    Objects.requireNonNull(ops, "ops is null");
    if (inputs < 1 || operations < 1 || maxDepth < 1) {
      throw new IllegalArgumentException(
          "expected at least 1 input, 1 operation and depth 1, got "
              + inputs
              + ", "
              + operations
              + " and "
              + maxDepth);
    }
    if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException(
          "expected a finite input range low <= high, got [" + low + ", " + high + "]");
    }
    ops =
        Collections.unmodifiableSet(
            ops.isEmpty() ? EnumSet.allOf(Op.class) : EnumSet.copyOf(ops)); // in declared order
  }

  // -- static API

  /** {@return 2 inputs in [-2, 2], 12 operations, no depth limit, all operations} */
  public static ExprGenerator defaults() {
    return builder().build();
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    // defaults set here, not with @Value.Default: that annotation would stay in the class file and
    // fail consumers that compile with -Xlint:all -Werror without the Immutables jar (issue 12)
    return new Builder()
        .inputs(2)
        .operations(12)
        .maxDepth(Integer.MAX_VALUE)
        .low(-2.0)
        .high(2.0)
        .edges(false);
  }

  /** A builder of generators: set what differs from the defaults, then {@code build}. */
  public static final class Builder extends ExprGeneratorBuilder {
    Builder() {}
  }

  // -- non-static API

  /** {@return a builder starting from this generator} */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** {@return this generator with {@code n} operations per expression} */
  public ExprGenerator withOperations(int n) {
    return toBuilder().operations(n).build();
  }

  /** {@return this generator drawing only from {@code only}} */
  public ExprGenerator withOps(Op... only) {
    if (only.length == 0) {
      throw new IllegalArgumentException("expected at least one operation, got none");
    }
    return toBuilder().ops(Arrays.asList(only)).build();
  }

  /** {@return this generator with no value deeper than {@code depth}} */
  public ExprGenerator withMaxDepth(int depth) {
    return toBuilder().maxDepth(depth).build();
  }

  /** {@return this generator with IEEE edge inputs and no guard steps; see {@link #edges()}} */
  public ExprGenerator withEdges() {
    return toBuilder().edges(true).build();
  }

  /** {@return this generator with input values drawn from {@code [from, to]}} */
  public ExprGenerator withRange(double from, double to) {
    return toBuilder().low(from).high(to).build();
  }

  /**
   * A generated expression.
   *
   * @param seed the seed it came from
   * @param output the expression
   * @param inputs its input leaves
   * @param program the steps that built it, one per line, for failure messages
   * @param depth the output's depth in drawn operations, at most {@link #maxDepth()}
   */
  public record Sample(
      long seed, Expr output, Vector<Expr.Leaf> inputs, String program, int depth) {
    /**
     * {@return the function of the inputs that this expression computes, for the transforms}: the
     * same steps over other expressions, guard steps included (they were chosen at these values)
     */
    public Function<Vector<Expr>, Expr> function() {
      return Transforms.asFunction(output, inputs);
    }

    /** {@return the input values this expression was generated at} */
    public Vector<Double> point() {
      return inputs.map(Expr.Leaf::value);
    }

    @Override
    public String toString() {
      return "seed " + seed + ":\n" + program;
    }
  }

  /** {@return the expression for {@code seed}} */
  public Sample sample(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Op[] choices = ops.toArray(new Op[0]);
    Program program = new Program(!edges);
    Vector<Expr.Leaf> leaves = Vector.empty();
    for (int i = 0; i < inputs; i++) {
      double value =
          edges && random.nextBoolean()
              ? EDGE_VALUES.get(random.nextInt(EDGE_VALUES.size()))
              : Math.rint((low + (high - low) * random.nextDouble()) * 1e6) / 1e6;
      Expr.Leaf leaf = Expr.of(value, "x" + i);
      leaves = leaves.append(leaf);
      program = program.name(leaf, leaf.label());
    }
    Vector<Expr> pool = Vector.narrow(leaves);
    Vector<Integer> depths = leaves.map(leaf -> 0);
    Vector<Integer> drawable = Vector.range(0, inputs); // positions in pool of depth < maxDepth
    for (int i = 0; i < operations; i++) {
      int a = pick(drawable, random);
      int b = pick(drawable, random);
      Op op = choices[random.nextInt(choices.length)];
      program = apply(op, pool.get(a), pool.get(b), random, program);
      int depth = 1 + (isUnary(op) ? depths.get(a) : Math.max(depths.get(a), depths.get(b)));
      if (depth < maxDepth) {
        drawable = drawable.append(pool.size());
      }
      pool = pool.append(program.last);
      depths = depths.append(depth);
    }
    return new Sample(seed, program.last, leaves, program.text(), depths.last());
  }

  /** Favours recent values, so expressions grow deep as well as wide. */
  private static int pick(Vector<Integer> drawable, SplittableRandom random) {
    int recent = Math.min(drawable.size(), 4);
    return random.nextBoolean()
        ? drawable.get(drawable.size() - 1 - random.nextInt(recent))
        : drawable.get(random.nextInt(drawable.size()));
  }

  private static boolean isUnary(Op op) {
    return !(op == Op.ADD || op == Op.SUB || op == Op.MUL || op == Op.DIV || op == Op.POW_EXPR);
  }

  private static Program apply(Op op, Expr a, Expr b, SplittableRandom random, Program p) {
    return switch (op) {
      case ADD -> p.step("add", a.add(b), a, b);
      case SUB -> p.step("sub", a.sub(b), a, b);
      case MUL -> tame(p.step("mul", a.mul(b), a, b));
      case DIV -> {
        Program q = positive(p, b); // not only nonzero: b^-1 is steep near 0
        yield tame(q.step("div", a.div(q.last), a, q.last));
      }
      case POW -> {
        double[] exponents = {2, 3, -1, 0.5, 1.5};
        double n = exponents[random.nextInt(exponents.length)];
        Program q = inside(p, a, UnaryOp.pow(n).smooth());
        yield tame(q.step("pow", q.last.pow(n), q.last, n));
      }
      case POW_EXPR -> {
        Program q = inside(p, a, x -> BinaryOp.POW.smooth().test(x, 1.0));
        Expr base = q.last;
        Program r = q.step("tanh", b.tanh(), b);
        yield tame(r.step("pow", base.pow(r.last), base, r.last));
      }
      case NEG -> p.step("neg", a.neg(), a);
      case EXP -> {
        Program q = Math.abs(a.value()) < 5 || !p.guarded ? p.with(a) : p.step("tanh", a.tanh(), a);
        yield q.step("exp", q.last.exp(), q.last);
      }
      case LOG -> unary(p, "log", a, UnaryOp.LOG);
      case TANH -> unary(p, "tanh", a, UnaryOp.TANH);
      case RELU -> unary(p, "relu", a, UnaryOp.RELU);
      case SIGMOID -> unary(p, "sigmoid", a, UnaryOp.SIGMOID);
      case SIN -> unary(p, "sin", a, UnaryOp.SIN);
      case COS -> unary(p, "cos", a, UnaryOp.COS);
      case SQRT -> unary(p, "sqrt", a, UnaryOp.SQRT);
      case ABS -> unary(p, "abs", a, UnaryOp.ABS);
    };
  }

  /** {@code op(x)}, with x first moved into the operation's domain; see the class comment. */
  private static Program unary(Program p, String name, Expr x, UnaryOp op) {
    Program q = inside(p, x, op.smooth());
    return tame(q.step(name, q.last.apply(op), q.last));
  }

  /**
   * {@return x, or guard steps that move it where f is smooth and 0.1 or more away from 0, where
   * the built-in operations have their kinks and poles}
   */
  private static Program inside(Program p, Expr x, java.util.function.DoublePredicate smooth) {
    double v = x.value();
    boolean clear = smooth.test(v) && (Math.abs(v) > 0.1 || smooth.test(0.0));
    return clear || !p.guarded ? p.with(x) : positive(p, x);
  }

  private static Program positive(Program p, Expr x) {
    if (x.value() > 0.1 || !p.guarded) {
      return p.with(x);
    }
    Program q = p.step("mul", x.mul(x), x, x);
    return q.step("add", q.last.add(0.5), q.last, 0.5);
  }

  private static Program tame(Program p) {
    return Math.abs(p.last.value()) > 1e6 && p.guarded ? p.step("tanh", p.last.tanh(), p.last) : p;
  }

  /** The steps so far: names of the values and the lines of the program; immutable. */
  private static final class Program {
    private final Map<Long, String> names;
    private final Vector<String> lines;
    private final Expr last;
    private final boolean guarded; // guard steps keep operands inside domains

    Program(boolean guarded) {
      this(HashMap.empty(), Vector.empty(), Expr.of(0.0), guarded);
    }

    private Program(Map<Long, String> names, Vector<String> lines, Expr last, boolean guarded) {
      this.names = names;
      this.lines = lines;
      this.last = last;
      this.guarded = guarded;
    }

    Program name(Expr node, String name) {
      return new Program(names.put(node.id(), name), lines, node, guarded);
    }

    Program with(Expr node) {
      return new Program(names, lines, node, guarded);
    }

    Program step(String op, Expr result, Object... operands) {
      String name = "v" + names.size();
      String arguments =
          Vector.of(operands)
              .map(o -> o instanceof Expr e ? names.get(e.id()).getOrElse("?") : String.valueOf(o))
              .mkString(", ");
      String line = name + " = " + op + "(" + arguments + ")  # " + result.value() + "\n";
      return new Program(names.put(result.id(), name), lines.append(line), result, guarded);
    }

    String text() {
      return lines.mkString();
    }
  }
}
