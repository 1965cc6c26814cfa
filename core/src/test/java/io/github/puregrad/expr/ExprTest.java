package io.github.puregrad.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.grad.Autodiff;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExprTest {

  @Nested
  class Leaves {
    @Test
    void shouldHoldValueAndLabel() {
      Expr.Leaf a = Expr.of(-4.0, "a");
      assertThat(a.value()).isEqualTo(-4.0);
      assertThat(a.label()).isEqualTo("a");
      assertThat(a.arity()).isZero();
    }

    @Test
    void shouldRejectNaN() {
      assertThatThrownBy(() -> Expr.of(Double.NaN, "w"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("leaf 'w' must hold a finite number, got NaN");
    }

    @Test
    void shouldRejectInfinity() {
      assertThatThrownBy(() -> Expr.of(Double.NEGATIVE_INFINITY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got -Infinity");
    }

    @Test
    void shouldRejectNonFiniteConstantOperand() {
      Expr x = Expr.of(1.0, "x");
      assertThatThrownBy(() -> x.add(Double.POSITIVE_INFINITY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got Infinity");
    }

    @Test
    void shouldKeepIdAndLabelWhenValueChanges() {
      Expr.Leaf w = Expr.of(0.5, "w");
      Expr.Leaf updated = w.withValue(0.25);
      assertThat(updated.id()).isEqualTo(w.id());
      assertThat(updated.label()).isEqualTo("w");
      assertThat(updated.value()).isEqualTo(0.25);
      assertThat(updated).isNotEqualTo(w);
    }
  }

  @Nested
  class Identity {
    @Test
    void shouldTellApartLeavesHoldingTheSameNumber() {
      Expr a = Expr.of(2.0, "x");
      Expr b = Expr.of(2.0, "x");
      assertThat(a).isNotEqualTo(b);
      assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void shouldEqualACopyBuiltFromTheComponents() {
      Expr.Leaf a = Expr.of(2.0, "a");
      Expr.Binary product = (Expr.Binary) a.mul(3.0);
      Expr.Binary copy =
          new Expr.Binary(
              product.op(), product.left(), product.right(), product.value(), product.id(), "");
      assertThat(copy).isEqualTo(product).hasSameHashCodeAs(product);
      assertThat(new Expr.Leaf(a.value(), a.label(), a.id())).isEqualTo(a);
    }

    @Test
    void shouldTellApartNodesWithOneIdAndOperandButAnotherOperation() {
      Expr.Leaf x = Expr.of(0.0, "x");
      Expr.Unary sin = (Expr.Unary) x.sin(); // sin 0 = 0 = relu 0: same value, same operand
      Expr.Unary relu = new Expr.Unary(UnaryOp.RELU, x, sin.value(), sin.id(), "");
      assertThat(relu).isNotEqualTo(sin);
      assertThat(new Expr.Unary(sin.op(), x, sin.value(), sin.id(), "")).isEqualTo(sin);
    }

    @Test
    void shouldTellApartOperationsOnTheSameOperands() {
      Expr a = Expr.of(2.0, "a");
      assertThat(a.add(a)).isNotEqualTo(a.add(a));
    }

    @Test
    void shouldHashAndPrintADeepSharedGraphInConstantTime() {
      Expr x = Expr.of(1.0, "x");
      Expr y = x;
      for (int i = 0; i < 200; i++) {
        y = y.add(y); // 2^200 paths: any structural walk would never finish
      }
      assertThat(y.hashCode()).isEqualTo(Long.hashCode(y.id()));
      assertThat(y.toString()).startsWith("Binary[+, value=").hasSizeLessThan(80);
    }
  }

  /** micrograd's {@code e.label = 'e'}, on an immutable node: a copy that is the same node. */
  @Nested
  class Labels {
    @Test
    void shouldNameAnOperationWithoutChangingItsIdValueOrOperands() {
      Expr a = Expr.of(2.0, "a");
      Expr.Binary e = (Expr.Binary) a.mul(Expr.of(-3.0, "b"));
      Expr.Binary named = e.withLabel("e");
      assertThat(List.of(named.label(), named.id(), named.value(), named.left(), e.label()))
          .containsExactly("e", e.id(), -6.0, a, "");
    }

    @Test
    void shouldEqualTheUnnamedNodeItNames() {
      Expr o = Expr.of(0.5, "n").tanh();
      assertThat(o.withLabel("o")).isEqualTo(o).hasSameHashCodeAs(o);
    }

    @Test
    void shouldGiveTheSameGradientsToTheNamedGraph() {
      Expr a = Expr.of(2.0, "a");
      Expr named = a.mul(a).withLabel("e").add(a).withLabel("L");
      Expr plain = a.mul(a).add(a);
      assertThat(Autodiff.backward(named).get(a)).isEqualTo(Autodiff.backward(plain).get(a));
    }

    @Test
    void shouldRefuseANullLabel() {
      Expr o = Expr.of(0.5).tanh();
      assertThatThrownBy(() -> o.withLabel(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("label is null");
    }
  }

  @Nested
  class Operations {
    private final Expr a = Expr.of(-4.0, "a");
    private final Expr b = Expr.of(2.0, "b");

    @Test
    void shouldAdd() {
      assertThat(a.add(b).value()).isEqualTo(-2.0);
      assertThat(a.add(1.5).value()).isEqualTo(-2.5);
    }

    @Test
    void shouldSubtractThroughAddAndNeg() {
      Expr d = a.sub(b);
      assertThat(d.value()).isEqualTo(-6.0);
      assertThat(d)
          .isInstanceOfSatisfying(
              Expr.Binary.class, sum -> assertThat(sum.op()).isEqualTo(BinaryOp.ADD));
    }

    @Test
    void shouldMultiply() {
      assertThat(a.mul(b).value()).isEqualTo(-8.0);
    }

    @Test
    void shouldDivideAsOneOperation() {
      Expr q = a.div(b);
      assertThat(q.value()).isEqualTo(-2.0);
      assertThat(q)
          .isInstanceOfSatisfying(
              Expr.Binary.class, d -> assertThat(d.op()).isSameAs(BinaryOp.DIV));
    }

    @Test
    void shouldDivideTinyNumbersAsIeeeDoes() {
      Expr.Leaf x = Expr.of(1e-310, "x");
      Expr.Leaf y = Expr.of(1e-310, "y");
      Expr q = x.div(y);

      assertThat(q.value()).isEqualTo(1.0);
      assertThat(Expr.of(1e-300).div(Expr.of(2e-309)).value()).isEqualTo(1e-300 / 2e-309);
      // PyTorch 1.13 (float64): grad x = 1 / y overflows to inf; grad y = -(x / y) / y = -inf
      assertThat(io.github.puregrad.grad.Autodiff.backward(q).get(x))
          .isEqualTo(Double.POSITIVE_INFINITY);
      assertThat(io.github.puregrad.grad.Autodiff.backward(q).get(y))
          .isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void shouldRoundTheDivisorsGradientAsPyTorchDoes() {
      Expr.Leaf x = Expr.of(0.1, "x");
      Expr.Leaf y = Expr.of(0.3, "y");
      var grads = io.github.puregrad.grad.Autodiff.backward(x.div(y));

      // torch 1.13, float64: x / y = 0.33333333333333337, grads 3.3333333333333335 and this
      assertThat(grads.get(y)).isEqualTo(-1.1111111111111114);
      assertThat(grads.get(x)).isEqualTo(3.3333333333333335);
    }

    @Test
    void shouldNegateThroughMulByMinusOne() {
      assertThat(a.neg().value()).isEqualTo(4.0);
    }

    @Test
    void shouldRaiseToConstantPower() {
      Expr.Unary p = (Expr.Unary) b.pow(3);
      assertThat(p.value()).isEqualTo(8.0);
      assertThat(p.partial(0)).isEqualTo(12.0);
      assertThat(p.symbol()).isEqualTo("^3");
    }

    @Test
    void shouldRejectNonFiniteConstantExponent() {
      assertThatThrownBy(() -> b.pow(Double.NaN))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("exponent must be a finite number, got NaN");
    }

    @Test
    void shouldRaiseToExpressionPower() {
      Expr p = b.pow(Expr.of(3.0, "n"));
      assertThat(p.value()).isEqualTo(8.0);
      assertThat(p.partial(1)).isCloseTo(8.0 * Math.log(2.0), within(1e-15));
    }

    @Test
    void shouldExponentiate() {
      Expr e = b.exp();
      assertThat(e.value()).isEqualTo(Math.exp(2.0));
      assertThat(e.partial(0)).isEqualTo(Math.exp(2.0));
    }

    @Test
    void shouldTakeLogarithm() {
      Expr l = b.log();
      assertThat(l.value()).isEqualTo(Math.log(2.0));
      assertThat(l.partial(0)).isEqualTo(0.5);
    }

    @Test
    void shouldTakeTanh() {
      Expr t = Expr.of(0.5).tanh();
      assertThat(t.value()).isEqualTo(Math.tanh(0.5));
      assertThat(t.partial(0)).isCloseTo(1 - Math.tanh(0.5) * Math.tanh(0.5), within(1e-15));
    }

    @Test
    void shouldClampNegativeToZeroInRelu() {
      assertThat(a.relu().value()).isEqualTo(0.0);
      assertThat(a.relu().partial(0)).isEqualTo(0.0);
      assertThat(b.relu().value()).isEqualTo(2.0);
    }

    @Test
    void shouldTakeSigmoidWithoutOverflow() {
      assertThat(Expr.of(0.0).sigmoid().value()).isEqualTo(0.5);
      assertThat(Expr.of(-1000.0).sigmoid().value()).isEqualTo(0.0);
      assertThat(Expr.of(1000.0).sigmoid().value()).isEqualTo(1.0);
      assertThat(Expr.of(0.0).sigmoid().partial(0)).isEqualTo(0.25);
    }
  }

  @Nested
  class Operands {
    @Test
    void shouldNameOperandsByPosition() {
      Expr a = Expr.of(1.0, "a");
      Expr b = Expr.of(2.0, "b");
      Expr.Binary sum = (Expr.Binary) a.add(b);
      assertThat(sum.operand(0)).isSameAs(sum.left()).isSameAs(a);
      assertThat(sum.operand(1)).isSameAs(sum.right()).isSameAs(b);
    }

    @Test
    void shouldRejectOperandIndexOutOfRange() {
      Expr t = Expr.of(1.0).tanh();
      assertThatThrownBy(() -> t.operand(1))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("Index 1 out of bounds for length 1");
    }

    @Test
    void shouldRejectNullOperand() {
      assertThatThrownBy(() -> new Expr.Binary(BinaryOp.ADD, Expr.of(1.0), null, 1.0, 1L, ""))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("right operand is null");
    }
  }

  @Nested
  class Graphs {
    @Test
    void shouldOrderOperandsBeforeTheirUsers() {
      Expr x = Expr.of(3.0, "x");
      Expr y = x.mul(x).add(1.0);
      Graph graph = Graph.of(y);
      assertThat(graph.size()).isEqualTo(4);
      assertThat(graph.output()).isSameAs(y);
      for (int p = 0; p < graph.size(); p++) {
        for (int k = 0; k < graph.node(p).arity(); k++) {
          int q = graph.operandPosition(p, k);
          assertThat(q).isLessThan(p);
          assertThat(graph.node(q)).isSameAs(graph.node(p).operand(k));
        }
      }
    }

    @Test
    void shouldNotFindANodeOutsideTheGraph() {
      assertThat(Graph.of(Expr.of(1.0)).positionOf(Expr.of(1.0))).isEqualTo(-1);
    }
  }
}
