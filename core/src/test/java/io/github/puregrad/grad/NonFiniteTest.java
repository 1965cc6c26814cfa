package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.Expr;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NonFiniteTest {

  @Nested
  class Values {
    @Test
    void shouldFindLogOfMinusOneInsideLargerExpression() {
      Expr.Leaf x = Expr.of(2.0, "x");
      Expr.Leaf y = Expr.of(0.5, "y");
      Expr inner = x.sub(3); // -1
      Expr log = inner.log();
      Expr output = x.mul(y).add(log).tanh().mul(y.exp()).add(x.pow(2));

      NonFinite found = NonFinite.first(output).get();

      assertThat(found.kind()).isEqualTo(NonFinite.Kind.VALUE);
      assertThat(found.node()).isEqualTo(log);
      assertThat(found.inputs()).containsExactly(inner);
      assertThat(found.number()).isNaN();
    }

    @Test
    void shouldDescribeOperationAndInputs() {
      Expr.Leaf x = Expr.of(2.0, "x");

      NonFinite found = NonFinite.first(x.sub(3).log().mul(x)).get();

      assertThat(found.describe()).isEqualTo("value of log(-1) is NaN");
    }

    @Test
    void shouldReportFirstInEvaluationOrderWhenSeveralAreBad() {
      Expr.Leaf x = Expr.of(0.0, "x");
      Expr logOfZero = x.log(); // -Infinity, evaluated first
      Expr output = logOfZero.add(x.sub(1).log()); // then log(-1) = NaN

      assertThat(NonFinite.first(output).get().node()).isEqualTo(logOfZero);
    }

    @Test
    void shouldReportOverflow() {
      Expr.Leaf x = Expr.of(800.0, "x");
      Expr exp = x.exp();

      assertThat(NonFinite.first(exp.mul(0.0)).get().node()).isEqualTo(exp);
    }
  }

  @Nested
  class GradientsOnly {
    @Test
    void shouldFindInfiniteLocalDerivativeOfSquareRootAtZero() {
      Expr.Leaf x = Expr.of(0.0, "x");
      Expr root = x.pow(0.5);

      NonFinite found = NonFinite.first(root.add(x)).get();

      assertThat(found.kind()).isEqualTo(NonFinite.Kind.GRADIENT);
      assertThat(found.node()).isEqualTo(root);
      assertThat(found.operand()).isEqualTo(0);
      assertThat(found.number()).isInfinite();
    }
  }

  @Nested
  class AllFinite {
    @Test
    void shouldFindNothingWhenEverythingIsFinite() {
      Expr output = ExprGenerator.defaults().sample(1L).output();

      assertThat(NonFinite.first(output).isEmpty()).isTrue();
    }

    @Test
    void shouldGiveGradientsOfBackwardWhenEverythingIsFinite() {
      Expr output = ExprGenerator.defaults().sample(2L).output();

      assertThat(NonFinite.backward(output).get().asMap())
          .isEqualTo(Autodiff.backward(output).asMap());
    }
  }
}
