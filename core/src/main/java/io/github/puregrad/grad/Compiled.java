package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.Function1;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A function traced once into a {@link Tape}, like {@code jax.jit}: {@link #grad()} and {@link
 * #valueAndGrad()} give what {@link Transforms#grad} and {@link Transforms#valueAndGrad} give, to
 * the last bit, without building a node per call.
 *
 * <pre>{@code
 * Function<Vector<Expr>, Expr> f = v -> v.get(0).mul(v.get(1)).add(v.get(0).sin());
 * Compiled df = Compiled.trace(f, Vector.of(1.0, 2.0));   // traced here, once
 * df.grad().apply(Vector.of(0.5, -1.0));                     // [-1 + cos 0.5, 0.5]
 *
 * Tape.Workspace scratch = df.tape().workspace();           // one per thread
 * df.tape().evaluate(scratch, 0.5, -1.0).at(0);              // no allocation but the result
 * }</pre>
 *
 * <p><b>What tracing assumes.</b> {@code f} is called once, on leaves holding the example values;
 * the graph it returns is the function from then on. So Java control flow in {@code f} that reads
 * values ({@code if (x.value() > 0)}, a loop until convergence) is frozen at the example, and a
 * leaf that {@code f} creates itself ({@code Expr.of(0.1)}, a captured parameter) is a constant
 * frozen at its value. Operations with a kink (relu, abs) are not frozen: their values and local
 * derivatives are recomputed from the new values, as in eager mode.
 *
 * <p><b>What is detected.</b> A wrong number of inputs, a null or non-finite input, {@code f}
 * returning null, and an output that depends on none of the inputs (usually a graph rebuilt from
 * {@code value()}, which cuts it from the inputs) are {@link IllegalArgumentException}s, the last
 * one when tracing. Value-dependent control flow cannot be seen from the graph: if {@code f} has
 * it, compare with {@link Transforms#grad} at the points you care about.
 *
 * <p><b>How it runs.</b> The tape is interpreted for its first 1,000 evaluations, then compiled to
 * JVM bytecode when ASM is on the class path ({@link Tape#tiered()}); {@link #backend()} says which
 * runs and why, {@link #interpret()} switches generation off. Both give the same numbers, to the
 * last bit.
 *
 * <p>Thread-safe: {@link #grad()}, {@link #valueAndGrad()} and {@link #valueAndGrad(double[],
 * double[])} all evaluate the tape in a workspace kept between calls and taken by one call at a
 * time (a second thread meanwhile makes its own); the primitive one allocates nothing, the Vavr
 * ones their arguments' and results' arrays and vectors.
 */
public final class Compiled {
  private final Tape tape;
  // A workspace between calls of valueAndGrad(double[], double[]): taken out while a call runs, so
  // never shared, and put back after; a second thread meanwhile makes its own. The one mutable
  // part, so that the primitive entry point allocates nothing per call (docs/design.md).
  private final AtomicReference<Tape.@Nullable Workspace> spare = new AtomicReference<>();

  private Compiled(Tape tape) {
    this.tape = tape;
  }

  // -- static API

  /**
   * {@return {@code f} traced at {@code at}, a function of {@code at.size()} inputs}
   *
   * @throws IllegalArgumentException if {@code at} holds null or a non-finite number, if f returns
   *     null, or if its output depends on none of the inputs
   */
  public static Compiled trace(
      Function<? super Vector<Expr>, ? extends Expr> f, Vector<Double> at) {
    return new Compiled(tape(f, at).tiered());
  }

  /**
   * {@return {@code f} traced at {@code at} and run by the tape's interpreter from the start}: for
   * a function evaluated a few times only, where generating its code would cost more than it saves
   *
   * @throws IllegalArgumentException as {@link #trace} does
   */
  public static Compiled interpreted(
      Function<? super Vector<Expr>, ? extends Expr> f, Vector<Double> at) {
    return new Compiled(tape(f, at).interpret());
  }

  private static Tape tape(Function<? super Vector<Expr>, ? extends Expr> f, Vector<Double> at) {
    Objects.requireNonNull(f, "f is null");
    Vector<Expr> inputs = Transforms.leaves(at);
    Expr output = Transforms.apply(f, inputs);
    Graph graph = Graph.of(output);
    if (inputs.forAll(e -> graph.positionOf(e) < 0)) {
      throw new IllegalArgumentException(
          "f's output depends on none of its "
              + inputs.size()
              + " inputs: was it rebuilt from value()? Compiled, it would be a constant");
    }
    return Tape.trace(output, inputs.map(e -> (Expr.Leaf) e));
  }

  // -- non-static API

  /** {@return the tape: the traced graph, with the inputs as its variables} */
  public Tape tape() {
    return tape;
  }

  /** {@return this function evaluated by the tape's interpreter: the switch off generated code} */
  public Compiled interpret() {
    return new Compiled(tape.interpret());
  }

  /** {@return what evaluates the tape: generated bytecode, or the interpreter and why} */
  public Backend backend() {
    return tape.backend();
  }

  /**
   * {@return f(x)}, with ∇f(x) written into {@code gradient}: the same numbers as {@link
   * #valueAndGrad()}, with no allocation per call once warm. Thread-safe: two threads may call it
   * at once, each with its own arrays.
   *
   * <pre>{@code
   * double[] gradient = new double[df.size()];
   * double value = df.valueAndGrad(new double[] {0.5, -1.0}, gradient);
   * }</pre>
   *
   * @param x one finite number per input; only read
   * @param gradient written, one number per input
   * @throws IllegalArgumentException on a wrong length or a non-finite input
   */
  public double valueAndGrad(double[] x, double[] gradient) {
    Objects.requireNonNull(x, "x is null");
    Objects.requireNonNull(gradient, "gradient is null");
    if (x.length != size() || gradient.length != size()) {
      throw new IllegalArgumentException(
          "expected x and gradient of length "
              + size()
              + ", as traced, got "
              + x.length
              + " and "
              + gradient.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException("x[" + i + "] must be a finite number, got " + x[i]);
      }
    }
    return run(x, gradient);
  }

  // On checked arguments, in the spare workspace (or a new one while another call holds it)
  private double run(double[] x, double[] gradient) {
    Tape.Workspace workspace = spare.getAndSet(null);
    if (workspace == null) {
      workspace = tape.workspace();
    }
    double value = tape.run(workspace, x, gradient);
    spare.set(workspace);
    return value;
  }

  /** {@return the number of inputs} */
  public int size() {
    return tape.variables().size();
  }

  /** {@return the function x -> ∇f(x), evaluated on the tape} */
  public Function1<Vector<Double>, Vector<Double>> grad() {
    return x -> valueAndGrad(x)._2;
  }

  /** {@return the function x -> (f(x), ∇f(x)), evaluated on the tape} */
  public Function1<Vector<Double>, Tuple2<Double, Vector<Double>>> valueAndGrad() {
    return this::valueAndGrad;
  }

  private Tuple2<Double, Vector<Double>> valueAndGrad(Vector<Double> x) {
    double[] values = Transforms.values(x);
    if (values.length != size()) {
      throw new IllegalArgumentException(
          "expected " + size() + " inputs, as traced, got " + values.length);
    }
    double[] gradient = new double[values.length];
    double value = run(values, gradient); // in the spare workspace: no tape-sized arrays
    return Tuple.of(value, Vector.ofAll(gradient));
  }

  @Override
  public String toString() {
    return "Compiled[inputs=" + size() + ", tape=" + tape + "]";
  }
}
