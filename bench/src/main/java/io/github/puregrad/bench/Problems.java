package io.github.puregrad.bench;

import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.Expr;
import io.vavr.collection.Vector;
import java.util.function.Function;

/**
 * The test problems of {@link MinimizeBench}, as in {@code bench/src/main/python/minimize.py}:
 * Moré, Garbow and Hillstrom's functions (ACM TOMS 7(1), 1981) from their standard starting points,
 * and a logistic regression with an L2 term on a data set given by a formula (no random generator,
 * so that Java and Python read the same numbers).
 */
enum Problems {
  ROSENBROCK_2("rosenbrock 2", rosenbrock(), alternating(2)),
  ROSENBROCK_10("rosenbrock 10", rosenbrock(), alternating(10)),
  ROSENBROCK_100("rosenbrock 100", rosenbrock(), alternating(100)),
  BEALE("beale", Problems::beale, Vector.of(1.0, 1.0)),
  WOOD("wood", Problems::wood, Vector.of(-3.0, -1.0, -3.0, -1.0)),
  POWELL_SINGULAR("powell singular", Problems::powellSingular, Vector.of(3.0, -1.0, 0.0, 1.0)),
  HELICAL_VALLEY("helical valley", Problems::helicalValley, Vector.of(-1.0, 0.0, 0.0)),
  BROWN_BADLY_SCALED("brown badly scaled", Problems::brownBadlyScaled, Vector.of(1.0, 1.0)),
  TRIGONOMETRIC_10("trigonometric 10", Problems::trigonometric, Vector.fill(10, 0.1)),
  EXTENDED_ROSENBROCK_100(
      "extended rosenbrock 100", Problems::extendedRosenbrock, alternating(100)),
  LOGISTIC("logistic L2 (200x5)", logistic(0.01), Vector.fill(6, 0.0));

  final String title;
  final Function<Vector<Expr>, Expr> f;
  final Vector<Double> x0;

  Problems(String title, Function<Vector<Expr>, Expr> f, Vector<Double> x0) {
    this.title = title;
    this.f = f;
    this.x0 = x0;
  }

  /** (-1.2, 1, -1.2, 1, ...): the standard start of both Rosenbrock functions. */
  static Vector<Double> alternating(int n) {
    return Vector.range(0, n).map(i -> i % 2 == 0 ? -1.2 : 1.0);
  }

  /** Σ 100 (x_{i+1} - x_i²)² + (1 - x_i)²: scipy's rosen, the chained form. */
  static Function<Vector<Expr>, Expr> rosenbrock() {
    return x -> {
      Expr sum = Expr.of(0.0);
      for (int i = 0; i + 1 < x.size(); i++) {
        Expr a = x.get(i);
        sum = sum.add(sq(x.get(i + 1).sub(sq(a))).mul(100)).add(sq(a.neg().add(1)));
      }
      return sum;
    };
  }

  /**
   * e·e: the square as {@code e.pow(2)} computes it, and cheaper on a tape, where a product is one
   * of the inlined operations and a power goes through its row (decision 0048).
   */
  static Expr sq(Expr e) {
    return e.mul(e);
  }

  /** MGH 21: Σ over pairs 100 (x_2i - x_2i-1²)² + (1 - x_2i-1)². */
  private static Expr extendedRosenbrock(Vector<Expr> x) {
    Expr sum = Expr.of(0.0);
    for (int i = 0; i + 1 < x.size(); i += 2) {
      Expr a = x.get(i);
      sum = sum.add(sq(x.get(i + 1).sub(sq(a))).mul(100)).add(sq(a.neg().add(1)));
    }
    return sum;
  }

  private static Expr beale(Vector<Expr> x) {
    Expr x1 = x.get(0);
    Expr x2 = x.get(1);
    Expr a = Expr.of(1.5).sub(x1.mul(x2.neg().add(1)));
    Expr b = Expr.of(2.25).sub(x1.mul(x2.pow(2).neg().add(1)));
    Expr c = Expr.of(2.625).sub(x1.mul(x2.pow(3).neg().add(1)));
    return a.pow(2).add(b.pow(2)).add(c.pow(2));
  }

  private static Expr wood(Vector<Expr> x) {
    Expr x1 = x.get(0);
    Expr x2 = x.get(1);
    Expr x3 = x.get(2);
    Expr x4 = x.get(3);
    return x2.sub(x1.pow(2))
        .pow(2)
        .mul(100)
        .add(x1.neg().add(1).pow(2))
        .add(x4.sub(x3.pow(2)).pow(2).mul(90))
        .add(x3.neg().add(1).pow(2))
        .add(x2.sub(1).pow(2).add(x4.sub(1).pow(2)).mul(10.1))
        .add(x2.sub(1).mul(x4.sub(1)).mul(19.8));
  }

  private static Expr powellSingular(Vector<Expr> x) {
    Expr x1 = x.get(0);
    Expr x2 = x.get(1);
    Expr x3 = x.get(2);
    Expr x4 = x.get(3);
    return x1.add(x2.mul(10))
        .pow(2)
        .add(x3.sub(x4).pow(2).mul(5))
        .add(x2.sub(x3.mul(2)).pow(4))
        .add(x1.sub(x4).pow(4).mul(10));
  }

  /**
   * θ(x1, x2) = atan(x2/x1)/2π, plus 1/2 where x1 < 0: MGH's angle, as an operation of its own so
   * that its branch is taken at every evaluation, traced or not (Java's {@code if} on a value would
   * be frozen by a trace). ∂θ/∂x1 = -x2 / 2π(x1² + x2²), ∂θ/∂x2 = x1 / 2π(x1² + x2²).
   */
  static final BinaryOp THETA =
      BinaryOp.of(
          "theta",
          (a, b) -> Math.atan(b / a) / (2 * Math.PI) + (a < 0 ? 0.5 : 0.0),
          (k, a, b, y) -> (k == 0 ? -b : a) / (2 * Math.PI * (a * a + b * b)),
          (k, a, b, y) -> (k == 0 ? b.neg() : a).div(a.pow(2).add(b.pow(2)).mul(2 * Math.PI)));

  private static Expr helicalValley(Vector<Expr> x) {
    Expr x1 = x.get(0);
    Expr x2 = x.get(1);
    Expr x3 = x.get(2);
    Expr theta = x1.apply(THETA, x2);
    Expr r = x1.pow(2).add(x2.pow(2)).sqrt();
    return x3.sub(theta.mul(10)).pow(2).add(r.sub(1).pow(2)).mul(100).add(x3.pow(2));
  }

  private static Expr brownBadlyScaled(Vector<Expr> x) {
    Expr x1 = x.get(0);
    Expr x2 = x.get(1);
    return x1.sub(1e6).pow(2).add(x2.sub(2e-6).pow(2)).add(x1.mul(x2).sub(2).pow(2));
  }

  /** MGH 26: f_i = n - Σ cos x_j + i (1 - cos x_i) - sin x_i, i = 1..n; Σ f_i². */
  private static Expr trigonometric(Vector<Expr> x) {
    int n = x.size();
    Expr cosines = x.get(0).cos();
    for (int j = 1; j < n; j++) {
      cosines = cosines.add(x.get(j).cos());
    }
    Expr sum = Expr.of(0.0);
    for (int i = 0; i < n; i++) {
      Expr xi = x.get(i);
      Expr fi = cosines.neg().add(n).add(xi.cos().neg().add(1).mul(i + 1)).sub(xi.sin());
      sum = sum.add(fi.pow(2));
    }
    return sum;
  }

  /** x_ij = sin(1.3 i + 0.7 j + 0.1 i j): 200 points, 5 features. */
  static double[][] logisticInputs() {
    double[][] x = new double[200][5];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] = Math.sin(1.3 * i + 0.7 * j + 0.1 * i * j);
      }
    }
    return x;
  }

  /** t_i = ±1: the sign of x_i·(1, -2, 0.5, 1.5, -1) + sin(5 i). */
  static double[] logisticLabels(double[][] x) {
    double[] w = {1.0, -2.0, 0.5, 1.5, -1.0};
    double[] t = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double z = 0.0;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * x[i][j];
      }
      t[i] = z + Math.sin(5.0 * i) > 0 ? 1.0 : -1.0;
    }
    return t;
  }

  /** mean log(1 + exp(-t_i (x_i·w + b))) + λ/2 |w|², over p = (w, b). */
  static Function<Vector<Expr>, Expr> logistic(double lambda) {
    double[][] x = logisticInputs();
    double[] t = logisticLabels(x);
    return p -> {
      int features = x[0].length;
      Expr loss = Expr.of(0.0);
      for (int i = 0; i < x.length; i++) {
        Expr z = p.get(features);
        for (int j = 0; j < features; j++) {
          z = z.add(p.get(j).mul(x[i][j]));
        }
        loss = loss.add(z.mul(-t[i]).exp().add(1).log());
      }
      Expr penalty = p.get(0).pow(2);
      for (int j = 1; j < features; j++) {
        penalty = penalty.add(p.get(j).pow(2));
      }
      return loss.div(x.length).add(penalty.mul(lambda / 2));
    };
  }
}
