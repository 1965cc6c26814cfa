package io.github.puregrad.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.UnaryOp;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Fault 12 of docs/reliability.md: a user operation's f ran twice per node, and a non-deterministic
 * one got a message blaming a value the caller never passed.
 */
class DeterminismTest {
  @Nested
  class CallsOfF {
    @Test
    void shouldCallAUnaryOperationsFOncePerNode() {
      AtomicInteger calls = new AtomicInteger();
      UnaryOp counted = UnaryOp.of("counted", x -> calls.incrementAndGet() * 0.0 + x, (x, y) -> 1);
      Expr.of(1.0, "x").apply(counted);
      assertThat(calls).hasValue(1);
    }

    @Test
    void shouldCallABinaryOperationsFOncePerNode() {
      AtomicInteger calls = new AtomicInteger();
      BinaryOp counted =
          BinaryOp.of(
              "counted", (a, b) -> calls.incrementAndGet() * 0.0 + a + b, (k, a, b, y) -> 1);
      Expr.of(1.0, "a").apply(counted, Expr.of(2.0, "b"));
      assertThat(calls).hasValue(1);
    }

    @Test
    void shouldStillRefuseAForgedValue() {
      Expr x = Expr.of(0.5, "x");
      assertThatThrownBy(() -> new Expr.Unary(UnaryOp.TANH, x, 0.9, x.id() + 1, ""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("value 0.9 is not what tanh gives for these operands: " + Math.tanh(0.5));
    }
  }

  @Nested
  class NoisyOperations {
    @Test
    void shouldNameANonDeterministicOperationAndSayWhyItMustNotBe() {
      SplittableRandom random = new SplittableRandom(12);
      UnaryOp noisy = UnaryOp.of("noisy", x -> x + random.nextDouble(), (x, y) -> 1);
      Expr y = Expr.of(0.5, "x").apply(noisy).mul(2.0);
      assertThatThrownBy(() -> GradCheck.of(y))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("operation 'noisy' gave " + y.operand(0).value())
          .hasMessageContaining("its f must be deterministic, since tapes")
          .hasMessageNotContaining("\n");
    }

    @Test
    void shouldCheckADeterministicUserOperationAsBefore() {
      UnaryOp myexp = UnaryOp.of("myexp", Math::exp, (x, y) -> y);
      assertThat(GradCheck.of(Expr.of(0.5, "x").apply(myexp)).passed()).isTrue();
    }
  }
}
