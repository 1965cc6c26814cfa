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
