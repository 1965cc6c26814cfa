package example.core;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;

/** A program that needs only the engine: the gradient of x·y + sin x at (2, 3). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Expr.Leaf x = Expr.of(2.0, "x");
    Expr.Leaf y = Expr.of(3.0, "y");
    double dx = Autodiff.backward(x.mul(y).add(x.sin())).get(x); // y + cos x
    System.out.println("d/dx " + dx);
    if (Math.abs(dx - (3.0 + Math.cos(2.0))) > 1e-12) {
      System.err.println("error: expected " + (3.0 + Math.cos(2.0)) + ", got " + dx);
      System.exit(1);
    }
  }
}
