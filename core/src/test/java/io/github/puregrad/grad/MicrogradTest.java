package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.expr.Expr;
import org.junit.jupiter.api.Test;

/** micrograd's own two tests ({@code test/test_engine.py}), ported; PyTorch gave the numbers. */
class MicrogradTest {
  private static final double TOLERANCE = 1e-6; // micrograd's own tolerance

  /**
   *
   *
   * <pre>
   * def test_sanity_check():
   *     x = Value(-4.0)
   *     z = 2 * x + 2 + x
   *     q = z.relu() + z * x
   *     h = (z * z).relu()
   *     y = h + q + q * x
   *     y.backward()
   *     xmg, ymg = x, y
   *     # pytorch: ymg.data == ypt.data.item(); xmg.grad == xpt.grad.item()
   * </pre>
   *
   * PyTorch: y = -20.0, dy/dx = 46.0.
   */
  @Test
  void shouldPassMicrogradSanityCheck() {
    Expr x = Expr.of(-4.0, "x");
    Expr z = Expr.of(2).mul(x).add(2).add(x);
    Expr q = z.relu().add(z.mul(x));
    Expr h = z.mul(z).relu();
    Expr y = h.add(q).add(q.mul(x));

    Gradients grads = Autodiff.backward(y);

    assertThat(y.value()).isCloseTo(-20.0, within(TOLERANCE));
    assertThat(grads.get(x)).isCloseTo(46.0, within(TOLERANCE));
  }

  /**
   *
   *
   * <pre>
   * def test_more_ops():
   *     a = Value(-4.0)
   *     b = Value(2.0)
   *     c = a + b
   *     d = a * b + b**3
   *     c += c + 1
   *     c += 1 + c + (-a)
   *     d += d * 2 + (b + a).relu()
   *     d += 3 * d + (b - a).relu()
   *     e = c - d
   *     f = e**2
   *     g = f / 2.0
   *     g += 10.0 / f
   *     g.backward()
   *     # pytorch: g = 24.70408163265306, a.grad = 138.83381924198252, b.grad = 645.5772594752186
   * </pre>
   */
  @Test
  void shouldPassMicrogradMoreOps() {
    Expr a = Expr.of(-4.0, "a");
    Expr b = Expr.of(2.0, "b");
    Expr c = a.add(b);
    Expr d = a.mul(b).add(b.pow(3));
    c = c.add(c.add(1));
    c = c.add(Expr.of(1).add(c).add(a.neg()));
    d = d.add(d.mul(2).add(b.add(a).relu()));
    d = d.add(Expr.of(3).mul(d).add(b.sub(a).relu()));
    Expr e = c.sub(d);
    Expr f = e.pow(2);
    Expr g = f.div(2.0);
    g = g.add(Expr.of(10.0).div(f));

    Gradients grads = Autodiff.backward(g);

    assertThat(g.value()).isCloseTo(24.70408163265306, within(TOLERANCE));
    assertThat(grads.get(a)).isCloseTo(138.83381924198252, within(TOLERANCE));
    assertThat(grads.get(b)).isCloseTo(645.5772594752186, within(TOLERANCE));
  }
}
