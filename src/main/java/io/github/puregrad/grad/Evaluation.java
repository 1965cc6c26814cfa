package io.github.puregrad.grad;

import io.github.puregrad.expr.Expr;
import io.vavr.Tuple;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;

/**
 * One evaluation of a {@link Tape}: the output's value and its gradient with respect to each
 * variable, read by variable as from {@link Gradients}. Immutable.
 *
 * <pre>{@code
 * Evaluation e = tape.evaluate(0.5, -1.0);
 * e.value();   // the output at x = 0.5, y = -1
 * e.get(x);    // d output / d x there; also through x.withValue(...), same id
 * e.at(1);     // d output / d y
 * }</pre>
 */
public final class Evaluation {
  private final Tape tape;
  private final double value;
  private final double[] values; // of the variables; never written after construction
  private final double[] gradients; // by variable index; never written after construction

  Evaluation(Tape tape, double value, double[] values, double[] gradients) {
    this.tape = tape;
    this.value = value;
    this.values = values;
    this.gradients = gradients;
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
  public Map<Expr, Double> asMap() {
    return LinkedHashMap.ofEntries(
        variables().zipWithIndex().map(t -> Tuple.<Expr, Double>of(t._1, gradients[t._2])));
  }

  @Override
  public String toString() {
    return "Evaluation[value=" + value + ", variables=" + gradients.length + "]";
  }
}
