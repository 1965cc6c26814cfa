package io.github.puregrad.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.puregrad.expr.Expr;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of {@code pytorch-conv.json}: PyTorch float64 runs of x → conv2d → tanh → max pool → Σ
 * r·out ({@code conv-pool}) and of {@code F.cross_entropy} ({@code xent}).
 */
final class ConvGolden {
  private ConvGolden() {}

  /** A conv-pool case: the layer's shape, its inputs and parameters, and PyTorch's results. */
  record ConvPool(
      String name,
      int inChannels,
      int height,
      int width,
      int outChannels,
      int kernel,
      int stride,
      int padding,
      int pool,
      Vector<Double> x,
      Vector<Double> weight,
      Vector<Double> bias,
      Vector<Double> r,
      double loss,
      Vector<Double> gradX,
      Vector<Double> gradWeight,
      Vector<Double> gradBias) {
    @Override
    public String toString() {
      return name;
    }

    Conv2d conv() {
      Conv2d fresh =
          Conv2d.of(
              inChannels,
              height,
              width,
              outChannels,
              kernel,
              stride,
              padding,
              new java.util.SplittableRandom(0));
      return fresh.withValues(weight.appendAll(bias));
    }

    /** {@return Σ r·maxpool(tanh(conv(x))) over these leaves, built through the layers} */
    Expr loss(Vector<Expr.Leaf> inputs, Conv2d conv) {
      Sequential net =
          Sequential.of(
              conv, Act.TANH, MaxPool2d.of(outChannels, conv.outHeight(), conv.outWidth(), pool));
      Vector<Expr> out = net.forward(inputs);
      Expr sum = out.head().mul(r.head());
      for (int i = 1; i < out.size(); i++) {
        sum = sum.add(out.get(i).mul(r.get(i)));
      }
      return sum;
    }
  }

  /** An xent case: logits, the target class, PyTorch's loss and gradient. */
  record Xent(String name, Vector<Double> logits, int target, double loss, Vector<Double> grad) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<ConvPool> convPool() {
    List<ConvPool> cases = new ArrayList<>();
    for (JsonNode c : read()) {
      if (c.get("kind").asText().equals("conv-pool")) {
        cases.add(
            new ConvPool(
                c.get("name").asText(),
                c.get("in_channels").asInt(),
                c.get("height").asInt(),
                c.get("width").asInt(),
                c.get("out_channels").asInt(),
                c.get("kernel").asInt(),
                c.get("stride").asInt(),
                c.get("padding").asInt(),
                c.get("pool").asInt(),
                numbers(c.get("x")),
                numbers(c.get("weight")),
                numbers(c.get("bias")),
                numbers(c.get("r")),
                number(c.get("loss")),
                numbers(c.get("grad_x")),
                numbers(c.get("grad_weight")),
                numbers(c.get("grad_bias"))));
      }
    }
    return cases;
  }

  static List<Xent> xent() {
    List<Xent> cases = new ArrayList<>();
    for (JsonNode c : read()) {
      if (c.get("kind").asText().equals("xent")) {
        cases.add(
            new Xent(
                c.get("name").asText(),
                numbers(c.get("logits")),
                c.get("target").asInt(),
                number(c.get("loss")),
                numbers(c.get("grad_logits"))));
      }
    }
    return cases;
  }

  private static JsonNode read() {
    try (InputStream in = ConvGolden.class.getResourceAsStream("/pytorch-conv.json")) {
      if (in == null) {
        throw new IllegalStateException("pytorch-conv.json is not on the test class path");
      }
      return new ObjectMapper().readTree(in).get("cases");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Vector<Double> numbers(JsonNode array) {
    List<Double> numbers = new ArrayList<>();
    array.forEach(n -> numbers.add(number(n)));
    return Vector.ofAll(numbers);
  }

  /** A number, or one of the strings NaN, Infinity, -Infinity. */
  private static double number(JsonNode node) {
    return node.isNumber() ? node.asDouble() : Double.parseDouble(node.asText());
  }
}
