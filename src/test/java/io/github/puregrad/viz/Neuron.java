package io.github.puregrad.viz;

import io.github.puregrad.expr.Expr;

/** The neuron of micrograd's lecture, o = tanh(x1*w1 + x2*w2 + b), built afresh on each call. */
final class Neuron {
  private Neuron() {}

  static Expr output() {
    Expr x1 = Expr.of(2.0, "x1");
    Expr x2 = Expr.of(0.0, "x2");
    Expr w1 = Expr.of(-3.0, "w1");
    Expr w2 = Expr.of(1.0, "w2");
    Expr b = Expr.of(6.881373587019543, "b");
    return x1.mul(w1).add(x2.mul(w2)).add(b).tanh();
  }
}
