package io.github.puregrad.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every kind of node must do the same way: dispatch, printing, equality, operand bounds. */
class NodeKindsTest {
  private static final Expr X = Expr.of(0.5, "x");
  private static final Expr Y = Expr.of(2.0, "y");

  static Stream<Expr> nodes() {
    return Stream.of(
        X,
        X.add(Y),
        X.mul(Y),
        X.pow(2),
        X.pow(Y),
        X.exp(),
        X.log(),
        X.tanh(),
        X.relu(),
        X.sigmoid());
  }

  /** Names the visitor method that was called. */
  private static final Expr.Visitor<String> KIND =
      new Expr.Visitor<>() {
        @Override
        public String leaf(Expr.Leaf node) {
          return "Leaf";
        }

        @Override
        public String add(Expr.Add node) {
          return "Add";
        }

        @Override
        public String mul(Expr.Mul node) {
          return "Mul";
        }

        @Override
        public String pow(Expr.Pow node) {
          return "Pow";
        }

        @Override
        public String powExpr(Expr.PowExpr node) {
          return "PowExpr";
        }

        @Override
        public String exp(Expr.Exp node) {
          return "Exp";
        }

        @Override
        public String log(Expr.Log node) {
          return "Log";
        }

        @Override
        public String tanh(Expr.Tanh node) {
          return "Tanh";
        }

        @Override
        public String relu(Expr.Relu node) {
          return "Relu";
        }

        @Override
        public String sigmoid(Expr.Sigmoid node) {
          return "Sigmoid";
        }
      };

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void shouldDispatchToTheVisitorMethodOfItsKind(Expr node) {
    assertThat(node.accept(KIND)).isEqualTo(node.getClass().getSimpleName());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void shouldPrintKindValueAndId(Expr node) {
    assertThat(node.toString())
        .startsWith(node.getClass().getSimpleName() + "[")
        .contains("value=" + node.value())
        .contains("id=" + node.id());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void shouldEqualItselfAndNoOtherKind(Expr node) {
    Expr same = node;
    assertThat(node).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(X.neg());
    Object text = "not a node"; // as Object: equals must answer false, not fail to compile
    assertThat(node.equals(text)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void shouldNameItsOperation(Expr node) {
    String expected =
        Map.of(
                "Leaf", "", "Add", "+", "Mul", "*", "Pow", "^2", "PowExpr", "^", "Exp", "exp",
                "Log", "log", "Tanh", "tanh", "Relu", "relu", "Sigmoid", "sigmoid")
            .get(node.getClass().getSimpleName());
    assertThat(node.symbol()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void shouldRejectOperandAndPartialPastItsArity(Expr node) {
    int past = node.arity();
    assertThatThrownBy(() -> node.operand(past)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> node.partial(past)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> node.partial(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void shouldListOperandsBeforeItselfInItsGraph(Expr node) {
    Graph graph = Graph.of(node);
    assertThat(graph.nodes().last()).isSameAs(node);
    assertThat(graph.size()).isEqualTo(node.arity() + 1);
    assertThat(graph.toString()).contains("size=" + graph.size());
    assertThatThrownBy(() -> graph.operandPosition(graph.size() - 1, node.arity()))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
