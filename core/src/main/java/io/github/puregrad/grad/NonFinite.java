package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * NaN provenance: the first place, in evaluation order, where a number stops being finite, as a
 * value rather than an exception.
 *
 * <pre>{@code
 * Expr x = Expr.of(2.0, "x");
 * Expr y = x.mul(x).add(x.sub(3).log()).tanh();   // log(-1) = NaN inside
 * NonFinite.first(y);                            // Some(value of v5 = log(v4) is NaN, ...)
 * NonFinite.backward(y);                         // Left(the same), or Right(gradients)
 * }</pre>
 *
 * <p>Values are checked first, in topological (forward) order, so the culprit is the first
 * operation that produced a NaN or infinity from finite operands; everything after it inherits the
 * problem and is not reported. When all values are finite, the backward pass is checked step by
 * step in its own order, and the culprit is the first chain-rule step that makes an operand's
 * gradient non-finite (an infinite local derivative, such as that of {@code sqrt} at 0, or
 * overflow).
 *
 * @param kind whether a value or a gradient went bad
 * @param node for {@link Kind#VALUE}, the node whose value is not finite; for {@link
 *     Kind#GRADIENT}, the operation whose chain-rule step made the gradient of its operand {@code
 *     operand} not finite
 * @param inputs the node's operands, whose values are finite for {@link Kind#VALUE}
 * @param operand for {@link Kind#GRADIENT}, which operand of {@code node} got the bad gradient; -1
 *     for {@link Kind#VALUE}
 * @param number the number that is not finite: the value, or the operand's gradient
 */
public record NonFinite(Kind kind, Expr node, Vector<Expr> inputs, int operand, double number) {

  /** Where the non-finite number appeared. */
  public enum Kind {
    /** In the forward pass: a node's value. */
    VALUE,
    /** In the backward pass: a gradient. */
    GRADIENT
  }

  public NonFinite {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(node, "node is null");
    Objects.requireNonNull(inputs, "inputs is null");
  }

  // -- static API

  /** {@return the first node whose value or gradient is not finite, or none} */
  public static Option<NonFinite> first(Expr output) {
    return backward(output).swap().toOption();
  }

  /**
   * {@return the gradients of {@code output} when every value and gradient is finite, else the
   * first place where one is not}
   */
  public static Either<NonFinite, Gradients> backward(Expr output) {
    Objects.requireNonNull(output, "output is null");
    Graph graph = Graph.of(output);
    for (int p = 0; p < graph.size(); p++) {
      Expr node = graph.node(p);
      if (!Double.isFinite(node.value())) {
        return Either.left(new NonFinite(Kind.VALUE, node, inputs(node), -1, node.value()));
      }
    }
    // The first chain-rule step of the sweep that leaves an operand's gradient not finite
    NonFinite[] first = new NonFinite[1];
    double[] grads =
        Autodiff.sweep(
            graph,
            (p, k, q, upstream, local, total) -> {
              if (first[0] == null && !Double.isFinite(total)) {
                Expr node = graph.node(p);
                first[0] = new NonFinite(Kind.GRADIENT, node, inputs(node), k, total);
              }
            });
    return first[0] == null
        ? Either.right(Gradients.byPosition(graph, grads))
        : Either.left(first[0]);
  }

  private static Vector<Expr> inputs(Expr node) {
    return Vector.range(0, node.arity()).map(node::operand);
  }

  // -- non-static API

  /** {@return one line: what went bad, the operation and its inputs' values} */
  public String describe() {
    String operation = Trace.formula(node, k -> Trace.number(inputs.get(k).value()));
    return kind == Kind.VALUE
        ? "value of " + operation + " is " + number
        : "gradient of operand "
            + operand
            + " of "
            + operation
            + " is "
            + number
            + " (local derivative "
            + node.partial(operand)
            + ")";
  }

  @Override
  public String toString() {
    return "NonFinite[" + describe() + ", node=" + node + "]";
  }
}
