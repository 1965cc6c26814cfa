package io.github.puregrad.check;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import java.util.function.ToDoubleFunction;

/** Re-evaluates a graph with other leaf values, by rebuilding it through the public factories. */
final class Rebuild {
  private Rebuild() {}

  /** {@return the value of {@code graph}'s output when each leaf holds {@code values(leaf)}} */
  static double value(Graph graph, ToDoubleFunction<Expr.Leaf> values) {
    Expr[] rebuilt = new Expr[graph.size()];
    for (int p = 0; p < graph.size(); p++) {
      int at = p;
      rebuilt[p] =
          graph
              .node(p)
              .accept(
                  new Expr.Visitor<Expr>() {
                    private Expr operand(int k) {
                      return rebuilt[graph.operandPosition(at, k)];
                    }

                    @Override
                    public Expr leaf(Expr.Leaf node) {
                      return node.withValue(values.applyAsDouble(node));
                    }

                    @Override
                    public Expr add(Expr.Add node) {
                      return operand(0).add(operand(1));
                    }

                    @Override
                    public Expr mul(Expr.Mul node) {
                      return operand(0).mul(operand(1));
                    }

                    @Override
                    public Expr pow(Expr.Pow node) {
                      return operand(0).pow(node.exponent());
                    }

                    @Override
                    public Expr powExpr(Expr.PowExpr node) {
                      return operand(0).pow(operand(1));
                    }

                    @Override
                    public Expr exp(Expr.Exp node) {
                      return operand(0).exp();
                    }

                    @Override
                    public Expr log(Expr.Log node) {
                      return operand(0).log();
                    }

                    @Override
                    public Expr tanh(Expr.Tanh node) {
                      return operand(0).tanh();
                    }

                    @Override
                    public Expr relu(Expr.Relu node) {
                      return operand(0).relu();
                    }

                    @Override
                    public Expr sigmoid(Expr.Sigmoid node) {
                      return operand(0).sigmoid();
                    }
                  });
    }
    return rebuilt[rebuilt.length - 1].value();
  }
}
