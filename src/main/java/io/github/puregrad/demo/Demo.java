package io.github.puregrad.demo;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;

/** The main demo: micrograd's README example, forward and backward. */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    Expr a = Expr.of(-4.0, "a");
    Expr b = Expr.of(2.0, "b");
    Expr c = a.add(b);
    Expr d = a.mul(b).add(b.pow(3));
    c = c.add(c.add(1));
    c = c.add(Expr.of(1).add(c).add(a.neg()));
    d = d.add(d.mul(2).add(b.add(a).relu()));
    d = d.add(Expr.of(3).mul(d).add(b.sub(a).relu()));
    Expr e = c.sub(d);
    Expr f = e.pow(2);
    Expr g = f.div(2.0);
    g = g.add(Expr.of(10.0).div(f));
    Gradients grads = Autodiff.backward(g);
    System.out.printf("g = %.4f%n", g.value());
    System.out.printf("dg/da = %.4f%n", grads.get(a));
    System.out.printf("dg/db = %.4f%n", grads.get(b));
  }
}
