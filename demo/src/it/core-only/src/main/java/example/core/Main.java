package example.core;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Backend;
import io.github.puregrad.grad.Compiled;
import io.vavr.collection.Vector;

/**
 * A program that needs only the engine: the gradient of x·y + sin x at (2, 3), eagerly and
 * compiled, which without ASM on the class path runs on the tape's interpreter and says why.
 */
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
    Compiled df =
        Autodiff.compile(v -> v.get(0).mul(v.get(1)).add(v.get(0).sin()), Vector.of(2.0, 3.0));
    double[] gradient = new double[2];
    for (int call = 0; call < 1_000; call++) { // compiled at the 1,000th call, where ASM is there
      df.valueAndGrad(new double[] {2.0, 3.0}, gradient);
    }
    System.out.println("compiled d/dx " + gradient[0] + " on " + df.backend());
    if (gradient[0] != dx
        || !(df.backend() instanceof Backend.Interpreted i)
        || !i.reason().equals("ASM (org.ow2.asm:asm) is not on the class path")) {
      System.err.println("error: expected the interpreter without ASM, got " + df.backend());
      System.exit(1);
    }
  }
}
