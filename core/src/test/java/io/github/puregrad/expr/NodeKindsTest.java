package io.github.puregrad.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every kind of node must do the same way: printing, equality, operand bounds, values. */
class NodeKindsTest {
  private static final Expr X = Expr.of(0.5, "x");
  private static final Expr Y = Expr.of(2.0, "y");

  /** Every node shape and built-in operation (from the rows' lists), with the symbol it shows. */
  static Stream<Arguments> nodes() {
    Stream<Arguments> shapes =
        Stream.of(
            Arguments.of(X, ""), Arguments.of(X.pow(2), "^2"), Arguments.of(X.pow(0.5), "^0.5"));
    Stream<Arguments> unary =
        UnaryOp.BUILT_IN.toJavaStream().map(op -> Arguments.of(X.apply(op), op.symbol()));
    Stream<Arguments> binary =
        BinaryOp.BUILT_IN.toJavaStream().map(op -> Arguments.of(X.apply(op, Y), op.symbol()));
    return Stream.of(shapes, unary, binary).flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void shouldPrintShapeSymbolValueAndId(Expr node, String symbol) {
    assertThat(node.toString())
        .startsWith(node.getClass().getSimpleName() + "[")
        .contains("value=" + node.value())
        .contains("id=" + node.id())
        .contains(node instanceof Expr.Leaf leaf ? leaf.label() : symbol);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void shouldEqualItselfAndNoOtherNode(Expr node, String symbol) {
    Expr same = node;
    assertThat(node).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(X.neg());
    Object text = "not a node"; // as Object: equals must answer false, not fail to compile
    assertThat(node.equals(text)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void shouldNameItsOperation(Expr node, String symbol) {
    assertThat(node.symbol()).isEqualTo(symbol);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void shouldRejectOperandAndPartialPastItsArity(Expr node, String symbol) {
    int past = node.arity();
    assertThatThrownBy(() -> node.operand(past)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> node.partial(past)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> node.partial(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void shouldListOperandsBeforeItselfInItsGraph(Expr node, String symbol) {
    Graph graph = Graph.of(node);
    assertThat(graph.nodes().last()).isSameAs(node);
    assertThat(graph.size()).isEqualTo(node.arity() + 1);
    assertThat(graph.toString()).contains("size=" + graph.size());
    assertThatThrownBy(() -> graph.operandPosition(graph.size() - 1, node.arity()))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void shouldGiveTheSameLocalDerivativeAsNumberAndAsExpression(Expr node, String symbol) {
    for (int k = 0; k < node.arity(); k++) {
      Expr local =
          node instanceof Expr.Unary u
              ? u.op().dfExpr().apply(u.operand(), u)
              : ((Expr.Binary) node)
                  .op()
                  .dfExpr()
                  .partial(k, node.operand(0), node.operand(1), node);
      assertThat(local.value()).isCloseTo(node.partial(k), within(1e-15));
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double tolerance) {
    return org.assertj.core.data.Offset.offset(tolerance);
  }

  @Nested
  class Construction {
    @Test
    void shouldRejectAValueItsOperationDoesNotGive() {
      assertThatThrownBy(() -> new Expr.Unary(UnaryOp.TANH, X, 0.9, 12345L, ""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("value 0.9")
          .hasMessageContaining(Double.toString(Math.tanh(0.5)));
      assertThatThrownBy(() -> new Expr.Binary(BinaryOp.ADD, X, Y, 3.0, 12345L, ""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2.5");
    }

    @Test
    void shouldEqualACopyBuiltFromItsComponents() {
      Expr.Binary sum = (Expr.Binary) X.add(Y);
      Expr.Binary copy =
          new Expr.Binary(sum.op(), sum.left(), sum.right(), sum.value(), sum.id(), "");
      assertThat(copy).isEqualTo(sum).hasSameHashCodeAs(sum);
    }

    @Test
    void shouldNotEqualANodeWithTheSameIdAndValueButOtherOperands() {
      Expr.Leaf twin = Expr.of(0.5, "x");
      Expr.Unary y = (Expr.Unary) X.tanh(); // built after twin: an id above twin's
      Expr.Unary forged = new Expr.Unary(UnaryOp.TANH, twin, y.value(), y.id(), "");
      assertThat(forged).isNotEqualTo(y);
      assertThatThrownBy(() -> Graph.of(y.add(forged)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("share id " + y.id());
    }

    @Test
    void shouldKeepNaNValuesConsistent() {
      Expr nan = Expr.of(-1.0).log();
      assertThat(new Expr.Unary(UnaryOp.RELU, nan, Double.NaN, nan.id() + 1, "").value()).isNaN();
    }
  }
}
