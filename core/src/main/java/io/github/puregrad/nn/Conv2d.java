package io.github.puregrad.nn;

import io.github.puregrad.expr.Expr;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A 2-D convolution (a cross-correlation, as PyTorch's {@code nn.Conv2d}) with a square kernel,
 * stride and zero padding, over one image flattened channel by channel, row by row (PyTorch's
 * memory order); its outputs are flattened the same way.
 *
 * <pre>{@code
 * Conv2d conv = Conv2d.of(1, 8, 8, 8, 3, 1, 0, new SplittableRandom(1));   // 1x8x8 -> 8x6x6
 * Vector<Expr> maps = conv.forward(pixels);   // 64 inputs, 288 outputs
 * }</pre>
 *
 * <p>Output (o, y, x) is {@code b_o + Σ_{c,i,j} W[o][c][i][j] · in[c][y·s - p + i][x·s - p + j]},
 * terms outside the image (the padding) left out, as they are zero. Each weight appears at every
 * output position, so {@code backward} adds its gradient up over the positions: the convolution's
 * weight gradient is itself a correlation of the input with the output's gradient.
 *
 * @param inChannels channels of the input
 * @param height input rows
 * @param width input columns
 * @param outChannels channels of the output, one filter each
 * @param kernel the filter's side
 * @param stride step between output positions
 * @param padding zero rows and columns added on every side
 * @param weight {@code outChannels · inChannels · kernel²} leaves, in [out][in][kh][kw] order
 * @param bias {@code outChannels} leaves
 */
public record Conv2d(
    int inChannels,
    int height,
    int width,
    int outChannels,
    int kernel,
    int stride,
    int padding,
    Vector<Expr.Leaf> weight,
    Vector<Expr.Leaf> bias)
    implements Model<Conv2d> {
  public Conv2d {
    Layers.requirePositive("inChannels", inChannels);
    Layers.requirePositive("height", height);
    Layers.requirePositive("width", width);
    Layers.requirePositive("outChannels", outChannels);
    Layers.requirePositive("kernel", kernel);
    Layers.requirePositive("stride", stride);
    if (padding < 0) {
      throw new IllegalArgumentException("expected a padding of at least 0, got " + padding);
    }
    if (height + 2 * padding < kernel || width + 2 * padding < kernel) {
      throw new IllegalArgumentException(
          "expected a kernel of at most the padded image, "
              + (height + 2 * padding)
              + "x"
              + (width + 2 * padding)
              + ", got "
              + kernel);
    }
    Objects.requireNonNull(weight, "weight is null");
    Objects.requireNonNull(bias, "bias is null");
    int weights = outChannels * inChannels * kernel * kernel;
    if (weight.size() != weights || bias.size() != outChannels) {
      throw new IllegalArgumentException(
          "expected "
              + weights
              + " weights and "
              + outChannels
              + " biases, got "
              + weight.size()
              + " and "
              + bias.size());
    }
  }

  /**
   * {@return a convolution with weights, then biases, drawn uniformly from [-1/√n, 1/√n) with n =
   * inChannels · kernel² in parameter order, as PyTorch initialises {@code nn.Conv2d}}
   *
   * @throws IllegalArgumentException if a size, the kernel or the stride is below 1, the padding
   *     below 0, or the kernel larger than the padded image
   */
  public static Conv2d of(
      int inChannels,
      int height,
      int width,
      int outChannels,
      int kernel,
      int stride,
      int padding,
      SplittableRandom random) {
    Objects.requireNonNull(random, "random is null");
    Layers.requirePositive("inChannels", inChannels);
    Layers.requirePositive("outChannels", outChannels);
    Layers.requirePositive("kernel", kernel);
    int fanIn = inChannels * kernel * kernel;
    Vector<Expr.Leaf> weight = Layers.uniform(outChannels * fanIn, fanIn, random, "conv.w");
    Vector<Expr.Leaf> bias = Layers.uniform(outChannels, fanIn, random, "conv.b");
    return new Conv2d(
        inChannels, height, width, outChannels, kernel, stride, padding, weight, bias);
  }

  /** {@return the output's rows: ⌊(height + 2·padding - kernel) / stride⌋ + 1} */
  public int outHeight() {
    return (height + 2 * padding - kernel) / stride + 1;
  }

  /** {@return the output's columns: ⌊(width + 2·padding - kernel) / stride⌋ + 1} */
  public int outWidth() {
    return (width + 2 * padding - kernel) / stride + 1;
  }

  /** {@return the weights in [out][in][kh][kw] order, then the biases: PyTorch's state_dict} */
  @Override
  public Vector<Expr.Leaf> parameters() {
    return weight.appendAll(bias);
  }

  @Override
  public Conv2d withValues(Seq<Double> values) {
    Layers.requireCount(weight.size() + bias.size(), values, this);
    Vector<Double> all = values.toVector();
    return new Conv2d(
        inChannels,
        height,
        width,
        outChannels,
        kernel,
        stride,
        padding,
        Layers.withValues(weight, all, 0),
        Layers.withValues(bias, all, weight.size()));
  }

  /**
   * {@return the {@code outChannels · outHeight · outWidth} outputs, channel by channel, row by
   * row; each the bias plus the terms in [in][kh][kw] order}
   *
   * @throws IllegalArgumentException if there are not {@code inChannels · height · width} inputs
   */
  @Override
  public Vector<Expr> forward(Seq<? extends Expr> inputs) {
    Expr[] x = Layers.array(inputs, inChannels * height * width);
    Expr.Leaf[] w = weight.toJavaArray(Expr.Leaf[]::new);
    int oh = outHeight();
    int ow = outWidth();
    Expr[] y = new Expr[outChannels * oh * ow];
    int k2 = kernel * kernel;
    for (int o = 0; o < outChannels; o++) {
      for (int r = 0; r < oh; r++) {
        for (int s = 0; s < ow; s++) {
          Expr sum = bias.get(o);
          for (int c = 0; c < inChannels; c++) {
            for (int i = 0; i < kernel; i++) {
              int row = r * stride - padding + i;
              if (row < 0 || row >= height) {
                continue; // a padding row: its terms are 0·w, left out
              }
              for (int j = 0; j < kernel; j++) {
                int column = s * stride - padding + j;
                if (column >= 0 && column < width) {
                  Expr.Leaf wij = w[(o * inChannels + c) * k2 + i * kernel + j];
                  sum = sum.add(wij.mul(x[(c * height + row) * width + column]));
                }
              }
            }
          }
          y[(o * oh + r) * ow + s] = sum;
        }
      }
    }
    return Vector.of(y);
  }

  @Override
  public String toString() {
    return "Conv2d("
        + inChannels
        + "x"
        + height
        + "x"
        + width
        + " -> "
        + outChannels
        + ", kernel "
        + kernel
        + ", stride "
        + stride
        + ", padding "
        + padding
        + ")";
  }
}
