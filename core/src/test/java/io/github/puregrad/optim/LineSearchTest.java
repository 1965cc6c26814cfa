package io.github.puregrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Vector;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Moré–Thuente search against MINPACK-2's dcsrch, as scipy 1.10 ships it ({@code
 * scipy.optimize._minpack2.dcsrch}, driven by hand): the steps and the evaluations it takes on the
 * first test function of Moré and Thuente (1994), φ(α) = -α / (α² + 2), whose minimizer is √2.
 */
class LineSearchTest {
  static final Function<Vector<Expr>, Expr> PHI = v -> v.get(0).neg().div(v.get(0).pow(2).add(2));

  static LineSearch.Outcome search(double first, double decrease, double curvature) {
    Oracle oracle = Oracle.of(PHI, new double[] {0.0}, true);
    Point start = oracle.at(new double[] {0.0});
    double slope = start.gradient[0]; // along d = 1: -1/2
    return LineSearch.search(
        oracle,
        start,
        new double[] {1.0},
        slope,
        first,
        new LineSearch.Settings(decrease, curvature, 0.1, 0.0, 1e10, 100));
  }

  @Nested
  class AgainstDcsrch {
    @ParameterizedTest
    @CsvSource({
      // first step, dcsrch's step, its evaluations: the paper's Table 1 (ftol 1e-3, gtol 0.1)
      "0.001, 1.365, 6",
      "0.1, 1.4413720790892741, 3",
      "10.0, 10.0, 1",
      "1000.0, 36.88760696396662, 4"
    })
    void shouldTakeDcsrchsStepsOnMoreAndThuentesFirstFunction(
        double first, double step, int evaluations) {
      LineSearch.Found found = (LineSearch.Found) search(first, 1e-3, 0.1);
      assertThat(found.step()).isCloseTo(step, within(1e-12 * step));
      assertThat(found.evaluations()).isEqualTo(evaluations);
      assertThat(found.point().x[0]).isEqualTo(found.step());
    }

    @ParameterizedTest
    @CsvSource({
      // L-BFGS-B's parameters (ftol 1e-3, gtol 0.9): dcsrch's steps were 0.001, 0.005, 0.021,
      // 0.085, 0.341 from the first, and 1000, 332.8..., 110.7..., 36.88... from the last
      "0.001, 0.341, 5",
      "0.1, 0.5, 2",
      "10.0, 10.0, 1",
      "1000.0, 36.88760696396662, 4"
    })
    void shouldTakeDcsrchsStepsWithLbfgsbsParameters(double first, double step, int evaluations) {
      LineSearch.Found found = (LineSearch.Found) search(first, 1e-3, 0.9);
      assertThat(found.step()).isCloseTo(step, within(1e-12 * step));
      assertThat(found.evaluations()).isEqualTo(evaluations);
    }
  }

  /** The search on φ from 0 along +1, with dcsrch's xtol small enough that it converges. */
  static LineSearch.Outcome search(
      Function<Vector<Expr>, Expr> phi, double first, double decrease, double curvature) {
    Oracle oracle = Oracle.of(phi, new double[] {0.0}, true);
    Point start = oracle.at(new double[] {0.0});
    return LineSearch.search(
        oracle,
        start,
        new double[] {1.0},
        start.gradient[0],
        first,
        new LineSearch.Settings(decrease, curvature, 1e-10, 0.0, 1e10, 100));
  }

  /** γ(β1) √((1 - α)² + β2²) + γ(β2) √(α² + β1²), γ(β) = √(1 + β²) - β: the paper's φ4 to φ6. */
  static Function<Vector<Expr>, Expr> yanai(double b1, double b2) {
    double g1 = Math.sqrt(1 + b1 * b1) - b1;
    double g2 = Math.sqrt(1 + b2 * b2) - b2;
    return v -> {
      Expr a = v.get(0);
      Expr left = a.neg().add(1).pow(2).add(b2 * b2).sqrt().mul(g1);
      return left.add(a.pow(2).add(b1 * b1).sqrt().mul(g2));
    };
  }

  @Nested
  class AgainstDcsrchOnTheOtherFunctions {
    @ParameterizedTest
    @CsvSource({
      // (α + 0.004)^5 - 2 (α + 0.004)^4, ftol = gtol = 0.1: the paper's Table 2
      "0.001, 1.596000000186075, 12",
      "0.1, 1.5960000000049348, 8",
      "10.0, 1.5959999997572032, 8",
      "1000.0, 1.595999998872531, 11"
    })
    void shouldTakeDcsrchsStepsOnTheSecondFunction(double first, double step, int evaluations) {
      Function<Vector<Expr>, Expr> phi =
          v -> v.get(0).add(0.004).pow(5).sub(v.get(0).add(0.004).pow(4).mul(2));
      LineSearch.Found found = (LineSearch.Found) search(phi, first, 0.1, 0.1);
      assertThat(found.step()).isCloseTo(step, within(1e-9 * step));
      assertThat(found.evaluations()).isEqualTo(evaluations);
    }

    @ParameterizedTest
    @CsvSource({
      // β1, β2, first step, dcsrch's step and evaluations, ftol = gtol = 0.001: Tables 4 to 6
      "0.001, 0.001, 0.001, 0.085, 4",
      "0.001, 0.001, 0.1, 0.1, 1",
      "0.001, 0.001, 10.0, 0.3491046164172457, 3",
      "0.001, 0.001, 1000.0, 0.8294012431694555, 4",
      "0.01, 0.001, 0.001, 0.07501087060006814, 6",
      "0.01, 0.001, 0.1, 0.07751042197802409, 3",
      "0.01, 0.001, 10.0, 0.07314201106894994, 7",
      "0.01, 0.001, 1000.0, 0.07615927320141007, 8",
      "0.001, 0.01, 0.001, 0.9279032286386139, 13",
      "0.001, 0.01, 0.1, 0.9261500138380064, 11",
      "0.001, 0.01, 10.0, 0.924781673432206, 8",
      "0.001, 0.01, 1000.0, 0.9243979067536415, 11"
    })
    void shouldTakeDcsrchsStepsOnTheFourthToSixthFunctions(
        double b1, double b2, double first, double step, int evaluations) {
      LineSearch.Found found = (LineSearch.Found) search(yanai(b1, b2), first, 0.001, 0.001);
      assertThat(found.step()).isCloseTo(step, within(1e-9 * step));
      assertThat(found.evaluations()).isEqualTo(evaluations);
    }
  }

  @Nested
  class Curvatures {
    @Test
    void shouldSkipAPairWhoseCurvatureIsNotClearlyPositive() {
      double eps = Math.ulp(1.0);
      assertThat(Curvature.skip(-1.0, -1.0)).isTrue();
      assertThat(Curvature.skip(0.0, -1.0)).isTrue();
      assertThat(Curvature.skip(eps, -1.0)).isTrue(); // s'y must exceed ε·(-g's)
      assertThat(Curvature.skip(1e-17, -1.0)).isTrue();
      assertThat(Curvature.skip(4 * eps, -1.0)).isFalse();
      assertThat(Curvature.skip(1.0, -1.0)).isFalse();
    }
  }

  @Nested
  class Conditions {
    @Test
    void shouldMeetTheStrongWolfeConditions() {
      LineSearch.Found found = (LineSearch.Found) search(0.001, 1e-3, 0.1);
      double t = found.step();
      double phi = -t / (t * t + 2);
      double slope = (t * t - 2) / ((t * t + 2) * (t * t + 2));
      assertThat(found.point().value).isCloseTo(phi, within(1e-15));
      assertThat(phi).isLessThanOrEqualTo(0.0 + 1e-3 * t * -0.5);
      assertThat(Math.abs(slope)).isLessThanOrEqualTo(0.1 * 0.5);
    }

    @Test
    void shouldReportNoDecreaseWhenEveryTrialIsHigher() {
      // x² from its minimum, told a false slope of -1: every step is higher, down to the bracket's
      // width
      Function<Vector<Expr>, Expr> bowl = v -> v.get(0).pow(2);
      Oracle oracle = Oracle.of(bowl, new double[] {0.0}, true);
      Point start = oracle.at(new double[] {0.0});
      LineSearch.Outcome outcome =
          LineSearch.search(oracle, start, new double[] {1.0}, -1.0, 1.0, LineSearch.BFGS);
      assertThat(outcome).isInstanceOf(LineSearch.NoDecrease.class);
      assertThat(outcome.evaluations()).isPositive();
    }

    @Test
    void shouldStopAtTheFirstNonFiniteValue() {
      Function<Vector<Expr>, Expr> log = v -> v.get(0).neg().add(1).log().neg();
      Oracle oracle = Oracle.of(log, new double[] {0.0}, true);
      Point start = oracle.at(new double[] {0.0});
      LineSearch.NotFinite outcome =
          (LineSearch.NotFinite)
              LineSearch.search(oracle, start, new double[] {1.0}, -1.0, 2.0, LineSearch.LBFGS);
      assertThat(outcome.at()).containsExactly(2.0);
      assertThat(outcome.value()).isNaN();
      assertThat(outcome.evaluations()).isEqualTo(1);
    }
  }
}
