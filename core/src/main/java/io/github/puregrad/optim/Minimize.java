package io.github.puregrad.optim;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Vector;
import java.util.function.Function;

/**
 * Minimize a function of a vector with scipy's defaults: L-BFGS, BFGS or Newton-CG, on the exact
 * gradient (and, for Newton-CG, exact Hessian-vector products) that puregrad computes from f. f is
 * any function from expressions to an expression, as for {@link
 * io.github.puregrad.grad.Transforms}; it is traced once at x0 (see {@link Minimizer} for when to
 * turn that off, and for the builder of other tolerances).
 *
 * <pre>{@code
 * Function<Vector<Expr>, Expr> rosenbrock = v -> {
 *   Expr a = v.get(0);
 *   Expr b = v.get(1);
 *   return a.neg().add(1).pow(2).add(b.sub(a.pow(2)).pow(2).mul(100));
 * };
 * Minimum m = Minimize.lbfgs(rosenbrock, Vector.of(-1.2, 1.0));
 * m.x();                  // [1.0000000, 1.0000000] to about 1e-6
 * m.stop();               // ValueChange[...] or GradientNorm[...]
 * Minimize.newtonCg(rosenbrock, Vector.of(-1.2, 1.0)).hessianVectorProducts();
 * }</pre>
 *
 * <p>Which to choose: L-BFGS for most problems, and always for many variables (its cost per
 * iteration is linear in n); BFGS for a few variables where its full matrix is cheap; Newton-CG
 * where the Hessian is cheap to apply and high accuracy is wanted, since it converges quadratically
 * near the minimum. {@code docs/minimize.md} compares them with scipy.
 */
public final class Minimize {
  private Minimize() {}

  // -- static API

  /**
   * {@return the minimum of f from x0 by L-BFGS}: history 10, gtol 1e-5, ftol 2.22e-9, 15000
   * iterations and evaluations, as scipy's L-BFGS-B without bounds
   *
   * @throws NullPointerException if f or x0 is null
   * @throws IllegalArgumentException if x0 is empty or not finite, or f is not finite at x0
   */
  public static Minimum lbfgs(Function<? super Vector<Expr>, ? extends Expr> f, Vector<Double> x0) {
    return Minimizer.builder(Minimizer.Method.LBFGS).build().minimize(f, x0);
  }

  /**
   * {@return the minimum of f from x0 by BFGS}: gtol 1e-5 on the largest |∂f/∂x_i|, 200·n
   * iterations, as scipy's BFGS
   *
   * @throws NullPointerException if f or x0 is null
   * @throws IllegalArgumentException if x0 is empty or not finite, or f is not finite at x0
   */
  public static Minimum bfgs(Function<? super Vector<Expr>, ? extends Expr> f, Vector<Double> x0) {
    return Minimizer.builder(Minimizer.Method.BFGS).build().minimize(f, x0);
  }

  /**
   * {@return the minimum of f from x0 by Newton-CG}: xtol 1e-5 on the mean |step_i|, 200·n
   * iterations, exact Hessian-vector products, as scipy's Newton-CG with {@code hessp}
   *
   * @throws NullPointerException if f or x0 is null
   * @throws IllegalArgumentException if x0 is empty or not finite, or f is not finite at x0
   */
  public static Minimum newtonCg(
      Function<? super Vector<Expr>, ? extends Expr> f, Vector<Double> x0) {
    return Minimizer.builder(Minimizer.Method.NEWTON_CG).build().minimize(f, x0);
  }
}
