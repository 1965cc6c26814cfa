package io.github.puregrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.UnaryOp;
import io.vavr.collection.Stream;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The three minimizers on Rosenbrock's function and on small functions whose minima are known by
 * hand; counts and values from scipy 1.10 ({@code bench/src/main/python/minimize.py}) where they
 * are compared.
 */
class MinimizeTest {

  /** Σ 100 (x_{i+1} - x_i²)² + (1 - x_i)²: scipy's rosen; minimum 0 at (1, ..., 1). */
  static final Function<Vector<Expr>, Expr> ROSENBROCK =
      x -> {
        Expr sum = Expr.of(0.0);
        for (int i = 0; i + 1 < x.size(); i++) {
          Expr a = x.get(i);
          sum = sum.add(x.get(i + 1).sub(a.mul(a)).pow(2).mul(100)).add(a.neg().add(1).pow(2));
        }
        return sum;
      };

  /** (x - 1)² + 10 (y + 2)²: minimum 0 at (1, -2). */
  static final Function<Vector<Expr>, Expr> BOWL =
      v -> v.get(0).sub(1).pow(2).add(v.get(1).add(2).pow(2).mul(10));

  /** (-1.2, 1, -1.2, 1, ...): the standard start. */
  static Vector<Double> start(int n) {
    return Vector.range(0, n).map(i -> i % 2 == 0 ? -1.2 : 1.0);
  }

  static Minimizer minimizer(Minimizer.Method method) {
    return Minimizer.builder(method).build();
  }

  @Nested
  class Rosenbrock {
    @Test
    void shouldReachBelow1e10OnRosenbrockIn2DimensionsByLbfgs() {
      Minimum m = Minimize.lbfgs(ROSENBROCK, start(2));
      assertThat(m.value()).isLessThan(1e-10);
      assertThat(m.x()).allSatisfy(x -> assertThat(x).isCloseTo(1.0, within(1e-5)));
    }

    @Test
    void shouldTakeScipysStepsOnRosenbrockIn2DimensionsByLbfgs() {
      // scipy 1.10's L-BFGS-B, same defaults: fun 2.807650e-12, nfev 44, nit 36, stopped by the
      // relative reduction of f
      Minimum m = Minimize.lbfgs(ROSENBROCK, start(2));
      assertThat(m.value()).isCloseTo(2.80765e-12, within(1e-17));
      assertThat(m.evaluations()).isEqualTo(44);
      assertThat(m.iterations()).isEqualTo(36);
      assertThat(m.stop()).isInstanceOf(Minimum.ValueChange.class);
    }

    @Test
    void shouldReachBelow1e10OnRosenbrockIn10DimensionsByLbfgs() {
      // scipy: nfev 88, nit 71
      Minimum m = Minimize.lbfgs(ROSENBROCK, start(10));
      assertThat(m.value()).isLessThan(1e-10);
      assertThat(m.evaluations()).isEqualTo(88);
      assertThat(m.iterations()).isEqualTo(71);
    }

    @Test
    void shouldReachBelow1e10OnRosenbrockIn100DimensionsByLbfgsWithAValueTolerance() {
      // scipy's ftol stops near 1e-9 in 100 dimensions (scipy's own at 3.5e-10 after 621
      // evaluations): a tighter one goes on to the gradient test
      Minimizer lbfgs = Minimizer.builder(Minimizer.Method.LBFGS).valueTolerance(1e-12).build();
      Minimum m = lbfgs.minimize(ROSENBROCK, start(100));
      assertThat(m.value()).isLessThan(1e-10);
      assertThat(m.stop()).isInstanceOf(Minimum.GradientNorm.class);
      assertThat(m.evaluations()).isBetween(500, 700);
    }

    @Test
    void shouldStopNear1e9OnRosenbrockIn100DimensionsByLbfgsWithScipysDefaults() {
      Minimum m = Minimize.lbfgs(ROSENBROCK, start(100));
      assertThat(m.value()).isLessThan(1e-8);
      assertThat(m.stop()).isInstanceOf(Minimum.ValueChange.class);
    }

    @Test
    void shouldReachBelow1e10OnRosenbrockIn2And10And100DimensionsByNewtonCg() {
      // scipy's xtol 1e-5 stops between 1e-9 and 1e-6 here (scipy's own at 3e-5 in 100
      // dimensions); one more Newton step, for xtol 1e-8, is quadratic convergence's
      Minimizer newton = Minimizer.builder(Minimizer.Method.NEWTON_CG).stepTolerance(1e-8).build();
      for (int n : new int[] {2, 10, 100}) {
        Minimum m = newton.minimize(ROSENBROCK, start(n));
        assertThat(m.value()).as("n = %d", n).isLessThan(1e-10);
        assertThat(m.stop()).as("n = %d", n).isInstanceOf(Minimum.Step.class);
        assertThat(m.hessianVectorProducts()).as("n = %d", n).isPositive();
      }
    }

    @Test
    void shouldReachTheMinimumOfRosenbrockIn2DimensionsByBfgs() {
      Minimum m = Minimize.bfgs(ROSENBROCK, start(2));
      assertThat(m.value()).isLessThan(1e-10);
      assertThat(m.stop()).isInstanceOf(Minimum.GradientNorm.class);
      assertThat(m.x()).allSatisfy(x -> assertThat(x).isCloseTo(1.0, within(1e-5)));
    }

    @Test
    void shouldStopBfgsAtTheGlobalMinimumIn10DimensionsWhereScipysStopsAtTheLocalOne() {
      // scipy's BFGS ends at f = 3.986579, x near (-1, 1, ..., 1); this one's first step is
      // scaled (H0 = s'y/y'y I), and its path goes the other way round the valley
      Minimum m = Minimize.bfgs(ROSENBROCK, start(10));
      assertThat(m.value()).isLessThan(1e-10);
      assertThat(m.x()).allSatisfy(x -> assertThat(x).isCloseTo(1.0, within(1e-5)));
    }
  }

  @Nested
  class Stops {
    @Test
    void shouldStopByGradientNormOnAQuadratic() {
      Minimum m = Minimize.bfgs(BOWL, Vector.of(4.0, 3.0));
      Minimum.GradientNorm stop = (Minimum.GradientNorm) m.stop();
      assertThat(stop.norm()).isLessThanOrEqualTo(1e-5);
      assertThat(stop.tolerance()).isEqualTo(1e-5);
      assertThat(stop.converged()).isTrue();
      assertThat(m.x().get(0)).isCloseTo(1.0, within(1e-6));
      assertThat(m.x().get(1)).isCloseTo(-2.0, within(1e-6));
    }

    @Test
    void shouldStopAtX0WhenItsGradientIsWithinTolerance() {
      Minimum m = Minimize.lbfgs(BOWL, Vector.of(1.0, -2.0));
      assertThat(m.iterations()).isZero();
      assertThat(m.evaluations()).isEqualTo(1);
      assertThat(m.stop()).isEqualTo(new Minimum.GradientNorm(0.0, 1e-5));
    }

    @Test
    void shouldSolveAQuadraticByNewtonCg() {
      // CG solves the 2x2 system in two products; the full step lands on the minimum up to
      // rounding, and the next one where the gradient is exactly 0
      Minimum m = Minimize.newtonCg(BOWL, Vector.of(4.0, 3.0));
      assertThat(m.x().get(0)).isCloseTo(1.0, within(1e-14));
      assertThat(m.x().get(1)).isCloseTo(-2.0, within(1e-14));
      assertThat(m.iterations()).isLessThanOrEqualTo(2);
      assertThat(m.stop().converged()).isTrue();
    }

    @Test
    void shouldStopByStepWhenNewtonsStepIsShort() {
      Minimum m = Minimize.newtonCg(ROSENBROCK, start(2));
      Minimum.Step stop = (Minimum.Step) m.stop();
      assertThat(stop.meanStep()).isBetween(0.0, 1e-5);
      assertThat(stop.tolerance()).isEqualTo(1e-5);
      assertThat(stop.converged()).isTrue();
    }

    @Test
    void shouldStopByValueChange() {
      Minimum m = Minimize.lbfgs(ROSENBROCK, start(2));
      Minimum.ValueChange stop = (Minimum.ValueChange) m.stop();
      assertThat(stop.relativeChange()).isBetween(0.0, 2.220446049250313e-9);
      assertThat(stop.converged()).isTrue();
    }

    @Test
    void shouldStopAtX0WhenItsGradientIsExactlyZeroAndTheToleranceIsZero() {
      Minimizer exact = Minimizer.builder(Minimizer.Method.BFGS).gradientTolerance(0).build();
      Minimum m = exact.minimize(BOWL, Vector.of(1.0, -2.0));
      assertThat(m.iterations()).isZero();
      assertThat(m.stop()).isEqualTo(new Minimum.GradientNorm(0.0, 0.0));
    }

    @Test
    void shouldGiveTheRelativeDecreaseOfTheLastStep() {
      Vector<Iterate> all =
          minimizer(Minimizer.Method.LBFGS).iterates(ROSENBROCK, start(2)).toVector();
      double before = all.get(all.size() - 2).value();
      double after = all.last().value();
      Minimum.ValueChange stop = (Minimum.ValueChange) all.last().stop().get();
      assertThat(stop.relativeChange()).isEqualTo((before - after) / 1.0); // both below 1
    }

    @Test
    void shouldStopAtX0WithNoIterationsAllowed() {
      Minimizer none = Minimizer.builder(Minimizer.Method.LBFGS).maxIterations(0).build();
      Minimum m = none.minimize(ROSENBROCK, start(2));
      assertThat(m.iterations()).isZero();
      assertThat(m.evaluations()).isEqualTo(1);
      assertThat(m.stop()).isEqualTo(new Minimum.IterationLimit(0));
    }

    @Test
    void shouldStopAtX0WithOneEvaluationAllowed() {
      Minimizer one = Minimizer.builder(Minimizer.Method.NEWTON_CG).maxEvaluations(1).build();
      Minimum m = one.minimize(ROSENBROCK, start(2));
      assertThat(m.iterations()).isZero();
      assertThat(m.stop()).isEqualTo(new Minimum.EvaluationLimit(1));
    }

    @Test
    void shouldStopAtTheIterationLimit() {
      Minimizer three = Minimizer.builder(Minimizer.Method.LBFGS).maxIterations(3).build();
      Minimum m = three.minimize(ROSENBROCK, start(2));
      assertThat(m.iterations()).isEqualTo(3);
      assertThat(m.stop()).isEqualTo(new Minimum.IterationLimit(3));
      assertThat(m.stop().converged()).isFalse();
    }

    @Test
    void shouldStopAtTheIterationLimitOf200PerVariableByDefaultForBfgs() {
      assertThat(Minimizer.Method.BFGS.defaultIterations(3)).isEqualTo(600);
      assertThat(Minimizer.Method.NEWTON_CG.defaultIterations(10)).isEqualTo(2000);
      assertThat(Minimizer.Method.LBFGS.defaultIterations(10)).isEqualTo(15_000);
    }

    @Test
    void shouldStopAtTheEvaluationLimitAfterTheIterationThatPassesIt() {
      Minimizer five = Minimizer.builder(Minimizer.Method.BFGS).maxEvaluations(5).build();
      Minimum m = five.minimize(ROSENBROCK, start(2));
      assertThat(m.evaluations()).isGreaterThanOrEqualTo(5);
      assertThat(m.stop()).isEqualTo(new Minimum.EvaluationLimit(5));
      assertThat(m.stop().converged()).isFalse();
    }

    @Test
    void shouldStopWhenNoStepDecreasesAKinkedFunction() {
      // |x - 1| + |y + 2| by Newton-CG: its Hessian is 0, the directions are steepest descent,
      // and at the kink no step along them decreases f
      Function<Vector<Expr>, Expr> kinked = v -> v.get(0).sub(1).abs().add(v.get(1).add(2).abs());
      Minimum m = Minimize.newtonCg(kinked, Vector.of(0.3, 0.2));
      assertThat(m.stop()).isInstanceOf(Minimum.LineSearchFailed.class);
      assertThat(m.stop().converged()).isFalse();
      assertThat(((Minimum.LineSearchFailed) m.stop()).evaluations()).isPositive();
      assertThat(m.value()).isLessThan(1e-7);
    }
  }

  @Nested
  class NonFinite {
    /** (x - 3)² + √(2 - x)/1000: NaN beyond x = 2, where the minimum of the first term lies. */
    final Function<Vector<Expr>, Expr> cliff =
        v -> v.get(0).sub(3).pow(2).add(v.get(0).neg().add(2).sqrt().mul(1e-3));

    @Test
    void shouldStopWithTheLastFinitePointWhenFIsNaNMidSearch() {
      // first step: length 1 along -f'(0), to x = 1; the second, a secant step, to x ≈ 3: NaN
      for (Minimizer.Method method :
          new Minimizer.Method[] {Minimizer.Method.LBFGS, Minimizer.Method.BFGS}) {
        Minimum m = minimizer(method).minimize(cliff, Vector.of(0.0));
        Minimum.NonFinite stop = (Minimum.NonFinite) m.stop();
        assertThat(m.x()).as("%s", method).containsExactly(1.0);
        assertThat(stop.lastFinite()).isEqualTo(m.x());
        assertThat(stop.at().get(0)).isGreaterThan(2.0);
        assertThat(stop.value()).isNaN();
        assertThat(stop.converged()).isFalse();
        assertThat(m.value()).isCloseTo(4.0 + 1e-3, within(1e-12));
        assertThat(m.iterations()).isEqualTo(1);
      }
    }

    @Test
    void shouldStopWithX0WhenNewtonsFirstStepIsNaN() {
      Minimum m = Minimize.newtonCg(cliff, Vector.of(0.0));
      assertThat(m.x()).containsExactly(0.0);
      assertThat(m.iterations()).isZero();
      assertThat(m.stop()).isInstanceOf(Minimum.NonFinite.class);
    }

    @Test
    void shouldStopWhenFGoesToMinusInfinity() {
      // -e^x has no minimum: the steps grow until e^x overflows
      Minimum m = Minimize.lbfgs(v -> v.get(0).exp().neg(), Vector.of(0.0));
      Minimum.NonFinite stop = (Minimum.NonFinite) m.stop();
      assertThat(stop.value()).isEqualTo(Double.NEGATIVE_INFINITY);
      assertThat(stop.at().get(0)).isGreaterThan(709.0); // e^709.79 is the largest double
      assertThat(m.x().get(0)).isLessThan(709.8);
      assertThat(m.value()).isFinite();
    }

    @Test
    void shouldRejectAnX0WhereFIsNotFinite() {
      assertThatThrownBy(() -> Minimize.lbfgs(cliff, Vector.of(3.0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "expected f and its gradient finite at x0, got f(x0) = NaN and ∇f(x0) = [NaN]");
    }
  }

  @Nested
  class Iterates {
    @Test
    void shouldEvaluateOnlyX0BeforeTheStreamIsRead() {
      AtomicInteger calls = new AtomicInteger();
      Function<Vector<Expr>, Expr> counted =
          v -> {
            calls.incrementAndGet();
            return ROSENBROCK.apply(v);
          };
      Minimizer eager = Minimizer.builder(Minimizer.Method.LBFGS).traced(false).build();
      Stream<Iterate> iterates = eager.iterates(counted, start(2));
      assertThat(calls.get()).isEqualTo(1);
      Iterate third = iterates.get(2);
      assertThat(calls.get()).isEqualTo(third.evaluations());
      assertThat(calls.get()).isLessThan(10);
    }

    @Test
    void shouldEndWithTheMinimumOfMinimize() {
      for (Minimizer.Method method : Minimizer.Method.values()) {
        Minimizer m = minimizer(method);
        Stream<Iterate> iterates = m.iterates(ROSENBROCK, start(4));
        assertThat(iterates.last().toMinimum())
            .as("%s", method)
            .isEqualTo(m.minimize(ROSENBROCK, start(4)));
        assertThat(iterates.init()).allSatisfy(it -> assertThat(it.stop()).isEmpty());
        assertThat(iterates.map(Iterate::iteration)).isEqualTo(Stream.range(0, iterates.size()));
      }
    }

    @Test
    void shouldStartAtX0() {
      Iterate first = minimizer(Minimizer.Method.BFGS).iterates(BOWL, Vector.of(4.0, 3.0)).head();
      assertThat(first.iteration()).isZero();
      assertThat(first.x()).containsExactly(4.0, 3.0);
      assertThat(first.value()).isEqualTo(259.0); // 3² + 10·5²
      assertThat(first.gradient()).containsExactly(6.0, 100.0);
      assertThat(first.evaluations()).isEqualTo(1);
      assertThat(first.stop()).isEqualTo(Option.none());
    }

    @Test
    void shouldAddAnElementAtTheSamePointWhenTheSearchFails() {
      Function<Vector<Expr>, Expr> cliff =
          v -> v.get(0).sub(3).pow(2).add(v.get(0).neg().add(2).sqrt().mul(1e-3));
      Vector<Iterate> all =
          minimizer(Minimizer.Method.LBFGS).iterates(cliff, Vector.of(0.0)).toVector();
      Iterate last = all.last();
      Iterate before = all.get(all.size() - 2);
      assertThat(last.x()).isEqualTo(before.x());
      assertThat(last.iteration()).isEqualTo(before.iteration());
      assertThat(last.evaluations()).isGreaterThan(before.evaluations());
      assertThat(last.stop().get()).isInstanceOf(Minimum.NonFinite.class);
    }

    @Test
    void shouldRefuseToMakeAMinimumOfAnIterateBeforeTheLast() {
      Iterate first = minimizer(Minimizer.Method.BFGS).iterates(BOWL, Vector.of(4.0, 3.0)).head();
      assertThatThrownBy(first::toMinimum)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("iterate 0 is not the last one");
    }
  }

  @Nested
  class TracedAndEager {
    /** θ(a, b) = atan(b/a), an operation of the caller's own: Newton-CG traces H·v at each x. */
    final BinaryOp atan =
        BinaryOp.of(
            "atan",
            (a, b) -> Math.atan(b / a),
            (k, a, b, y) -> (k == 0 ? -b : a) / (a * a + b * b),
            (k, a, b, y) -> (k == 0 ? b.neg() : a).div(a.pow(2).add(b.pow(2))));

    void assertSameMinimum(Function<Vector<Expr>, Expr> f, Vector<Double> x0) {
      for (Minimizer.Method method : Minimizer.Method.values()) {
        Minimum traced = Minimizer.builder(method).build().minimize(f, x0);
        Minimum eager = Minimizer.builder(method).traced(false).build().minimize(f, x0);
        // record equality: every double to the bit, every count, the stop reason
        assertThat(traced).as("%s", method).isEqualTo(eager);
      }
    }

    @Test
    void shouldGiveTheSameMinimumToTheBitOnRosenbrock() {
      assertSameMinimum(ROSENBROCK, start(10));
    }

    @Test
    void shouldGiveTheSameMinimumToTheBitWithAnOperationOfTheCallersOwn() {
      // (atan(y/x) - 0.5)² + (x² + y² - 4)²: the point at radius 2 and angle 0.5
      assertSameMinimum(
          v ->
              v.get(0)
                  .apply(atan, v.get(1))
                  .sub(0.5)
                  .pow(2)
                  .add(v.get(0).pow(2).add(v.get(1).pow(2)).sub(4).pow(2)),
          Vector.of(1.0, 0.2));
    }

    @Test
    void shouldGiveTheSameMinimumToTheBitWithAKink() {
      // relu: the products' tape is traced again at each x, on the right side of the kink
      assertSameMinimum(
          v -> v.get(0).sub(2).relu().pow(2).add(v.get(0).pow(2)).add(v.get(1).sub(1).pow(4)),
          Vector.of(3.0, 3.0));
    }

    @Test
    void shouldFindTheCallersOwnOperationsMinimum() {
      Minimizer newton = Minimizer.builder(Minimizer.Method.NEWTON_CG).stepTolerance(1e-9).build();
      Minimum m =
          newton.minimize(
              v ->
                  v.get(0)
                      .apply(atan, v.get(1))
                      .sub(0.5)
                      .pow(2)
                      .add(v.get(0).pow(2).add(v.get(1).pow(2)).sub(4).pow(2)),
              Vector.of(1.0, 0.2));
      assertThat(m.x().get(0)).isCloseTo(2 * Math.cos(0.5), within(1e-6));
      assertThat(m.x().get(1)).isCloseTo(2 * Math.sin(0.5), within(1e-6));
    }

    @Test
    void shouldKnowWhichOperationsHaveDerivativesOfOneShape() {
      double[] x = {0.5, 2.0};
      assertThat(Oracle.sameShapeEverywhere(ROSENBROCK, x)).isTrue();
      assertThat(Oracle.sameShapeEverywhere(v -> v.get(0).exp().mul(v.get(1).tanh()), x)).isTrue();
      assertThat(
              Oracle.sameShapeEverywhere(
                  v -> v.get(0).log().div(v.get(1).sqrt()).add(v.get(0).sigmoid()), x))
          .isTrue();
      assertThat(Oracle.sameShapeEverywhere(v -> v.get(0).sin().add(v.get(1).cos()), x)).isTrue();
      assertThat(Oracle.sameShapeEverywhere(v -> v.get(0).relu().add(v.get(1)), x)).isFalse();
      assertThat(Oracle.sameShapeEverywhere(v -> v.get(0).abs().add(v.get(1)), x)).isFalse();
      assertThat(Oracle.sameShapeEverywhere(v -> v.get(0).pow(v.get(1)), x)).isFalse();
      assertThat(Oracle.sameShapeEverywhere(v -> v.get(0).apply(atan, v.get(1)), x)).isFalse();
      UnaryOp cube =
          UnaryOp.of("cube", u -> u * u * u, (u, y) -> 3 * u * u, (u, y) -> u.pow(2).mul(3));
      assertThat(Oracle.sameShapeEverywhere(v -> v.get(0).apply(cube), x)).isFalse();
      UnaryOp named = UnaryOp.of("^2b", u -> u * u, (u, y) -> 2 * u, (u, y) -> u.mul(2));
      assertThat(Oracle.sameShapeEverywhere(v -> v.get(0).apply(named), x)).isFalse();
      assertThat(Oracle.sameShapeEverywhere(v -> v.get(0).pow(3).add(v.get(1).pow(-0.5)), x))
          .isTrue();
    }
  }

  @Nested
  class Saddles {
    /** Wood's function (MGH 14), from (-3, -1, -3, -1): scipy's Newton-CG ends at 7.85. */
    final Function<Vector<Expr>, Expr> wood =
        v -> {
          Expr x1 = v.get(0);
          Expr x2 = v.get(1);
          Expr x3 = v.get(2);
          Expr x4 = v.get(3);
          return x2.sub(x1.pow(2))
              .pow(2)
              .mul(100)
              .add(x1.neg().add(1).pow(2))
              .add(x4.sub(x3.pow(2)).pow(2).mul(90))
              .add(x3.neg().add(1).pow(2))
              .add(x2.sub(1).pow(2).add(x4.sub(1).pow(2)).mul(10.1))
              .add(x2.sub(1).mul(x4.sub(1)).mul(19.8));
        };

    @Test
    void shouldLeaveWoodsSaddleAlongNegativeCurvatureByNewtonCg() {
      Minimum m = Minimize.newtonCg(wood, Vector.of(-3.0, -1.0, -3.0, -1.0));
      assertThat(m.value()).isLessThan(1e-8);
      assertThat(m.x()).allSatisfy(x -> assertThat(x).isCloseTo(1.0, within(1e-3)));
    }
  }

  @Nested
  class Settings {
    @Test
    void shouldDefaultToScipysTolerances() {
      Minimizer lbfgs = minimizer(Minimizer.Method.LBFGS);
      assertThat(lbfgs.history()).isEqualTo(10);
      assertThat(lbfgs.gradientTolerance()).isEqualTo(1e-5);
      assertThat(lbfgs.valueTolerance()).isEqualTo(2.220446049250313e-9); // 1e7 · ε
      assertThat(lbfgs.maxEvaluations()).isEqualTo(15_000);
      assertThat(lbfgs.maxIterations()).isEqualTo(Option.none());
      assertThat(lbfgs.traced()).isTrue();
      assertThat(minimizer(Minimizer.Method.BFGS).gradientTolerance()).isEqualTo(1e-5);
      assertThat(minimizer(Minimizer.Method.NEWTON_CG).stepTolerance()).isEqualTo(1e-5);
    }

    @Test
    void shouldKeepWhatTheBuilderSets() {
      Minimizer m =
          Minimizer.builder(Minimizer.Method.LBFGS)
              .history(3)
              .gradientTolerance(1e-8)
              .valueTolerance(0)
              .stepTolerance(1e-9)
              .maxIterations(7)
              .maxEvaluations(9)
              .traced(false)
              .build();
      assertThat(m)
          .isEqualTo(
              new Minimizer(Minimizer.Method.LBFGS, 1e-8, 0.0, 1e-9, Option.some(7), 9, 3, false));
    }

    @Test
    void shouldUseItsHistory() {
      Minimizer one = Minimizer.builder(Minimizer.Method.LBFGS).history(1).build();
      Minimum m = one.minimize(ROSENBROCK, start(2));
      assertThat(m.evaluations()).isNotEqualTo(Minimize.lbfgs(ROSENBROCK, start(2)).evaluations());
      assertThat(m.stop().converged()).isTrue();
    }
  }

  @Nested
  class BadInput {
    @Test
    void shouldRejectANullFunction() {
      assertThatThrownBy(() -> Minimize.lbfgs(null, Vector.of(1.0)))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("f is null");
    }

    @Test
    void shouldRejectANullStart() {
      assertThatThrownBy(() -> Minimize.bfgs(BOWL, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("x0 is null");
    }

    @Test
    void shouldRejectAnEmptyStart() {
      assertThatThrownBy(() -> Minimize.newtonCg(BOWL, Vector.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected x0 with at least one variable, got none");
    }

    @Test
    void shouldRejectANonFiniteStart() {
      assertThatThrownBy(() -> Minimize.lbfgs(BOWL, Vector.of(1.0, Double.NaN)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("x0[1] must be a finite number, got NaN");
      assertThatThrownBy(() -> Minimize.lbfgs(BOWL, Vector.of(Double.NEGATIVE_INFINITY, 1.0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("x0[0] must be a finite number, got -Infinity");
    }

    @Test
    void shouldRejectANullElementOfTheStart() {
      assertThatThrownBy(() -> Minimize.lbfgs(BOWL, Vector.of(1.0, null)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("x0[1] must be a finite number, got null");
    }

    @Test
    void shouldRejectBadTolerancesAndLimits() {
      Minimizer.Builder b = Minimizer.builder(Minimizer.Method.LBFGS);
      assertThatThrownBy(() -> b.gradientTolerance(-1).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected gradientTolerance >= 0 and finite, got -1.0");
      assertThatThrownBy(
              () -> Minimizer.builder(Minimizer.Method.LBFGS).valueTolerance(Double.NaN).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected valueTolerance >= 0 and finite, got NaN");
      assertThatThrownBy(
              () ->
                  Minimizer.builder(Minimizer.Method.NEWTON_CG)
                      .stepTolerance(Double.POSITIVE_INFINITY)
                      .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected stepTolerance >= 0 and finite, got Infinity");
      assertThatThrownBy(() -> Minimizer.builder(Minimizer.Method.LBFGS).history(0).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected history >= 1, got 0");
      assertThatThrownBy(() -> Minimizer.builder(Minimizer.Method.BFGS).maxIterations(-1).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected maxIterations >= 0, got -1");
      assertThatThrownBy(() -> Minimizer.builder(Minimizer.Method.BFGS).maxEvaluations(0).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected maxEvaluations >= 1, got 0");
    }

    @Test
    void shouldRejectANullMethod() {
      assertThatThrownBy(() -> Minimizer.builder(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("method is null");
    }

    @Test
    void shouldRejectAFunctionThatReturnsNull() {
      assertThatThrownBy(() -> Minimize.lbfgs(v -> null, Vector.of(1.0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("f returned null for 1 inputs");
    }
  }
}
