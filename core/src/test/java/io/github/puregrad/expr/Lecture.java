package io.github.puregrad.expr;

/** Fixtures from Karpathy's micrograd lecture, shared by the trace and graph-export tests. */
public final class Lecture {
  private Lecture() {}

  /**
   * {@return the lecture's neuron, built afresh on each call, leaves labelled as in the lecture}
   *
   * <pre>
   * x1 = Value(2.0); x2 = Value(0.0); w1 = Value(-3.0); w2 = Value(1.0)
   * b = Value(6.8813735870195432)
   * n = x1*w1 + x2*w2 + b; o = n.tanh()
   * </pre>
   */
  public static Expr neuron() {
    Expr x1 = Expr.of(2.0, "x1");
    Expr x2 = Expr.of(0.0, "x2");
    Expr w1 = Expr.of(-3.0, "w1");
    Expr w2 = Expr.of(1.0, "w2");
    Expr b = Expr.of(6.881373587019543, "b");
    return x1.mul(w1).add(x2.mul(w2)).add(b).tanh();
  }

  /**
   * {@return the lecture's neuron with every node named, as the lecture names them with {@code
   * label} (its products and their sum by their variable names: {@code x1w1}, {@code x2w2}, {@code
   * x1w1x2w2})}
   */
  public static Expr labelledNeuron() {
    Expr x1 = Expr.of(2.0, "x1");
    Expr x2 = Expr.of(0.0, "x2");
    Expr w1 = Expr.of(-3.0, "w1");
    Expr w2 = Expr.of(1.0, "w2");
    Expr b = Expr.of(6.881373587019543, "b");
    Expr x1w1 = x1.mul(w1).withLabel("x1w1");
    Expr x2w2 = x2.mul(w2).withLabel("x2w2");
    Expr n = x1w1.add(x2w2).withLabel("x1w1x2w2").add(b).withLabel("n");
    return n.tanh().withLabel("o");
  }
}
