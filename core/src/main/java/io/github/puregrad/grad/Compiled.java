package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.Function1;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.function.Function;

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
 * <p>Immutable and thread-safe: every call of {@link #grad()} or {@link #valueAndGrad()} evaluates
 * the tape in a new {@link Tape.Workspace}; to reuse scratch arrays, hold one per thread explicitly
 * and call {@link Tape#evaluate(Tape.Workspace, double...)} on {@link #tape()}.
 */
public final class Compiled {
  private final Tape tape;

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
    return new Compiled(Tape.trace(output, inputs.map(e -> (Expr.Leaf) e)));
  }

  // -- non-static API

  /** {@return the tape: the traced graph, with the inputs as its variables} */
  public Tape tape() {
    return tape;
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
    Tape.Result result = tape.evaluate(values);
    return Tuple.of(result.value(), Vector.range(0, values.length).map(result::at));
  }

  @Override
  public String toString() {
    return "Compiled[inputs=" + size() + ", tape=" + tape + "]";
  }
}
