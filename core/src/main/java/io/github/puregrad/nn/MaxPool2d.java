package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * Max pooling with a square window and a stride equal to it, as PyTorch's {@code F.max_pool2d(x,
 * k)}: each output is the largest input of its k x k window; rows and columns that do not fill a
 * window are dropped (PyTorch's floor mode). Inputs and outputs are flattened channel by channel,
 * row by row.
 *
 * <pre>{@code
 * MaxPool2d pool = MaxPool2d.of(8, 6, 6, 2);   // 8x6x6 -> 8x3x3
 * Vector<Expr> pooled = pool.forward(maps);     // 288 inputs, 72 outputs
 * }</pre>
 *
 * <p>The gradient goes to the one input that is the maximum, the first in the window's row-major
 * order when several are equal, as PyTorch's kernel does; the others get 0.
 *
 * @param channels of the input, kept
 * @param height input rows
 * @param width input columns
 * @param kernel the window's side and stride
 */
public record MaxPool2d(int channels, int height, int width, int kernel)
    implements Model<MaxPool2d> {
  public MaxPool2d {
    Layers.requirePositive("channels", channels);
    Layers.requirePositive("height", height);
    Layers.requirePositive("width", width);
    Layers.requirePositive("kernel", kernel);
    if (kernel > height || kernel > width) {
      throw new IllegalArgumentException(
          "expected a kernel of at most " + height + "x" + width + ", got " + kernel);
    }
  }

  /**
   * {@return the pooling of {@code channels} images of {@code height x width} by {@code kernel}}
   */
  public static MaxPool2d of(int channels, int height, int width, int kernel) {
    return new MaxPool2d(channels, height, width, kernel);
  }

  /** {@return the output's rows, ⌊height / kernel⌋} */
  public int outHeight() {
    return height / kernel;
  }

  /** {@return the output's columns, ⌊width / kernel⌋} */
  public int outWidth() {
    return width / kernel;
  }

  /** {@return no parameters} */
  @Override
  public Vector<Expr.Leaf> parameters() {
    return Vector.empty();
  }

  /** {@return this layer; {@code values} must be empty} */
  @Override
  public MaxPool2d withValues(Seq<Double> values) {
    Layers.requireCount(0, values, this);
    return this;
  }

  /** {@return each window's maximum, a fold of max in the window's row-major order} */
  @Override
  public Vector<Expr> forward(Seq<? extends Expr> inputs) {
    Objects.requireNonNull(inputs, "inputs is null");
    Expr[] x = Layers.array(inputs, channels * height * width);
    int oh = outHeight();
    int ow = outWidth();
    Expr[] y = new Expr[channels * oh * ow];
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < oh; r++) {
        for (int s = 0; s < ow; s++) {
          int corner = (c * height + r * kernel) * width + s * kernel;
          Expr max = x[corner];
          for (int t = 1; t < kernel * kernel; t++) { // max(max(x00, x01), ...), row-major
            max = max.apply(Ops.MAX, x[corner + (t / kernel) * width + t % kernel]);
          }
          y[(c * oh + r) * ow + s] = max;
        }
      }
    }
    return Vector.of(y);
  }

  @Override
  public String toString() {
    return "MaxPool2d(" + channels + "x" + height + "x" + width + ", kernel " + kernel + ")";
  }
}
