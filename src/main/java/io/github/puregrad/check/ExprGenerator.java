package io.github.puregrad.check;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded generator of random expressions, for property tests: the same seed gives the same
 * expression on every machine.
 *
 * <pre>{@code
 * ExprGenerator.Sample sample = ExprGenerator.defaults().sample(7L);
 * sample.output();    // the expression
 * sample.inputs();    // its input leaves x0, x1, ...
 * sample.program();   // "v0 = tanh(x1)\nv1 = mul(v0, x0)\n..." for failure messages
 * }</pre>
 *
 * <p>Expressions are straight-line programs: each step applies an operation to earlier values, so
 * values are shared and the result is a DAG, built without recursion. Steps keep clear of points
 * where finite differences mislead: {@code log}, fractional and negative powers and the divisor of
 * {@code div} get a positive operand ({@code v*v + 0.5} when the operand is not), {@code relu} is
 * not applied within 1e-3 of its kink, and values beyond 1e6 in size are squashed with tanh.
 *
 * @param inputs how many input leaves, {@code x0 ... x(n-1)}
 * @param operations how many operations
 * @param low the smallest input value
 * @param high the largest input value
 * @param ops the operations to draw from, uniformly
 */
public record ExprGenerator(int inputs, int operations, double low, double high, Vector<Op> ops) {

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
    SIGMOID
  }

  public ExprGenerator {
    Objects.requireNonNull(ops, "ops is null");
    if (inputs < 1 || operations < 1) {
      throw new IllegalArgumentException(
          "expected at least 1 input and 1 operation, got " + inputs + " and " + operations);
    }
    if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException(
          "expected a finite input range low <= high, got [" + low + ", " + high + "]");
    }
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("expected at least one operation, got none");
    }
  }

  /** {@return 2 inputs in [-2, 2], 12 operations, all of them} */
  public static ExprGenerator defaults() {
    return new ExprGenerator(2, 12, -2.0, 2.0, Vector.of(Op.values()));
  }

  /** {@return this generator with {@code n} operations per expression} */
  public ExprGenerator withOperations(int n) {
    return new ExprGenerator(inputs, n, low, high, ops);
  }

  /** {@return this generator drawing only from {@code only}} */
  public ExprGenerator withOps(Op... only) {
    return new ExprGenerator(inputs, operations, low, high, Vector.of(only));
  }

  /**
   * A generated expression.
   *
   * @param seed the seed it came from
   * @param output the expression
   * @param inputs its input leaves
   * @param program the steps that built it, one per line, for failure messages
   */
  public record Sample(long seed, Expr output, Vector<Expr.Leaf> inputs, String program) {
    @Override
    public String toString() {
      return "seed " + seed + ":\n" + program;
    }
  }

  /** {@return the expression for {@code seed}} */
  public Sample sample(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Program program = new Program();
    Vector<Expr.Leaf> leaves = Vector.empty();
    for (int i = 0; i < inputs; i++) {
      double value = Math.rint((low + (high - low) * random.nextDouble()) * 1e6) / 1e6;
      Expr.Leaf leaf = Expr.of(value, "x" + i);
      leaves = leaves.append(leaf);
      program = program.name(leaf, leaf.label());
    }
    Vector<Expr> pool = Vector.narrow(leaves);
    for (int i = 0; i < operations; i++) {
      Expr a = pick(pool, random);
      Expr b = pick(pool, random);
      Op op = ops.get(random.nextInt(ops.size()));
      program = apply(op, a, b, random, program);
      pool = pool.append(program.last);
    }
    return new Sample(seed, program.last, leaves, program.text.toString());
  }

  /** Favours recent values, so expressions grow deep as well as wide. */
  private static Expr pick(Vector<Expr> pool, SplittableRandom random) {
    int recent = Math.min(pool.size(), 4);
    return random.nextBoolean()
        ? pool.get(pool.size() - 1 - random.nextInt(recent))
        : pool.get(random.nextInt(pool.size()));
  }

  private static Program apply(Op op, Expr a, Expr b, SplittableRandom random, Program p) {
    switch (op) {
      case ADD:
        return p.step("add", a.add(b), a, b);
      case SUB:
        return p.step("sub", a.sub(b), a, b);
      case MUL:
        return tame(p.step("mul", a.mul(b), a, b));
      case DIV:
        {
          Program q = positive(p, b);
          return tame(q.step("div", a.div(q.last), a, q.last));
        }
      case POW:
        {
          double[] exponents = {2, 3, -1, 0.5, 1.5};
          double n = exponents[random.nextInt(exponents.length)];
          Program q = n == Math.rint(n) && n > 0 ? p.with(a) : positive(p, a);
          return tame(q.step("pow", q.last.pow(n), q.last, n));
        }
      case POW_EXPR:
        {
          Program q = positive(p, a);
          Expr base = q.last;
          Program r = q.step("tanh", b.tanh(), b);
          return tame(r.step("pow", base.pow(r.last), base, r.last));
        }
      case NEG:
        return p.step("neg", a.neg(), a);
      case EXP:
        {
          Program q = Math.abs(a.value()) < 5 ? p.with(a) : p.step("tanh", a.tanh(), a);
          return q.step("exp", q.last.exp(), q.last);
        }
      case LOG:
        {
          Program q = positive(p, a);
          return q.step("log", q.last.log(), q.last);
        }
      case TANH:
        return p.step("tanh", a.tanh(), a);
      case RELU:
        return Math.abs(a.value()) > 1e-3
            ? p.step("relu", a.relu(), a)
            : p.step("tanh", a.tanh(), a);
      case SIGMOID:
        return p.step("sigmoid", a.sigmoid(), a);
    }
    throw new AssertionError(op);
  }

  private static Program positive(Program p, Expr x) {
    if (x.value() > 0.1) {
      return p.with(x);
    }
    Program q = p.step("mul", x.mul(x), x, x);
    return q.step("add", q.last.add(0.5), q.last, 0.5);
  }

  private static Program tame(Program p) {
    return Math.abs(p.last.value()) > 1e6 ? p.step("tanh", p.last.tanh(), p.last) : p;
  }

  /** The steps so far: names of the values and the text of the program. */
  private static final class Program {
    private final Map<Long, String> names;
    private final StringBuilder text;
    private final Expr last;

    Program() {
      this(HashMap.empty(), new StringBuilder(), Expr.of(0.0));
    }

    private Program(Map<Long, String> names, StringBuilder text, Expr last) {
      this.names = names;
      this.text = text;
      this.last = last;
    }

    Program name(Expr node, String name) {
      return new Program(names.put(node.id(), name), text, node);
    }

    Program with(Expr node) {
      return new Program(names, text, node);
    }

    Program step(String op, Expr result, Object... operands) {
      String name = "v" + names.size();
      text.append(name).append(" = ").append(op).append('(');
      for (int i = 0; i < operands.length; i++) {
        text.append(i == 0 ? "" : ", ");
        text.append(operands[i] instanceof Expr e ? names.get(e.id()).getOrElse("?") : operands[i]);
      }
      text.append(")  # ").append(result.value()).append('\n');
      return new Program(names.put(result.id(), name), text, result);
    }
  }
}
