package io.github.puregrad.grad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.puregrad.expr.Expr;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The PyTorch golden cases of {@code pytorch-gradients.json}, {@code pytorch-more-ops.json} and
 * {@code pytorch-hessians.json}, built through the public API. Numbers may be the strings NaN,
 * Infinity and -Infinity.
 */
final class Golden {
  private Golden() {}

  /**
   * One case, built.
   *
   * @param name the case's name
   * @param inputs the input leaves by name
   * @param output the output expression
   * @param value PyTorch's forward value
   * @param grads PyTorch's gradient for every input
   * @param program builds the same program again over other input leaves, in input order
   * @param hessian PyTorch's Hessian, rows and columns in input order; empty where not given
   */
  record Case(
      String name,
      Map<String, Expr.Leaf> inputs,
      Expr output,
      double value,
      Map<String, Double> grads,
      Function<List<Expr.Leaf>, Expr> program,
      List<List<Double>> hessian) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** {@return the cases of pytorch-gradients.json: add to sigmoid, micrograd's examples first} */
  static List<Case> cases() {
    return read("pytorch-gradients.json");
  }

  /** {@return the cases of pytorch-more-ops.json: sin, cos, sqrt, abs, pow(Expr), IEEE edges} */
  static List<Case> moreOps() {
    return read("pytorch-more-ops.json");
  }

  /** {@return the cases of pytorch-hessians.json: 60 programs with their Hessians} */
  static List<Case> hessians() {
    return read("pytorch-hessians.json");
  }

  /** {@return the cases of both files} */
  static List<Case> all() {
    List<Case> all = new ArrayList<>(cases());
    all.addAll(moreOps());
    return all;
  }

  private static List<Case> read(String file) {
    try (InputStream in = Golden.class.getResourceAsStream("/" + file)) {
      if (in == null) {
        throw new IllegalStateException(file + " is not on the test class path");
      }
      List<Case> cases = new ArrayList<>();
      for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
        cases.add(build(c));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Case build(JsonNode c) {
    Map<String, Expr.Leaf> inputs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : c.get("inputs").properties()) {
      inputs.put(e.getKey(), Expr.of(e.getValue().asDouble(), e.getKey()));
    }
    Map<String, Double> grads = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : c.get("grads").properties()) {
      grads.put(e.getKey(), number(e.getValue()));
    }
    List<List<Double>> hessian = new ArrayList<>();
    for (JsonNode row : c.path("hessian")) {
      List<Double> numbers = new ArrayList<>();
      row.forEach(entry -> numbers.add(number(entry)));
      hessian.add(numbers);
    }
    List<String> names = new ArrayList<>(inputs.keySet());
    Function<List<Expr.Leaf>, Expr> program = leaves -> run(c, names, leaves);
    return new Case(
        c.get("name").asText(),
        inputs,
        program.apply(new ArrayList<>(inputs.values())),
        number(c.get("value")),
        grads,
        program,
        hessian);
  }

  /** The case's steps, with input {@code names.get(i)} bound to {@code leaves.get(i)}. */
  private static Expr run(JsonNode c, List<String> names, List<Expr.Leaf> leaves) {
    Map<String, Expr> values = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      values.put(names.get(i), leaves.get(i));
    }
    for (JsonNode step : c.get("steps")) {
      String op = step.get(1).asText();
      Expr a = operand(values, step.get(2));
      Expr result =
          switch (op) {
            case "pow" -> a.pow(step.get(3).asDouble());
            case "neg" -> a.neg();
            case "exp" -> a.exp();
            case "log" -> a.log();
            case "tanh" -> a.tanh();
            case "relu" -> a.relu();
            case "sigmoid" -> a.sigmoid();
            case "sin" -> a.sin();
            case "cos" -> a.cos();
            case "sqrt" -> a.sqrt();
            case "abs" -> a.abs();
            default -> binary(op, a, operand(values, step.get(3)));
          };
      values.put(step.get(0).asText(), result);
    }
    return values.get(c.get("output").asText());
  }

  private static Expr binary(String op, Expr a, Expr b) {
    return switch (op) {
      case "add" -> a.add(b);
      case "sub" -> a.sub(b);
      case "mul" -> a.mul(b);
      case "div" -> a.div(b);
      case "powexpr" -> a.pow(b);
      default -> throw new IllegalArgumentException("unknown op in golden file: " + op);
    };
  }

  /** A number, or one of the strings NaN, Infinity, -Infinity. */
  static double number(JsonNode node) {
    return node.isNumber() ? node.asDouble() : Double.parseDouble(node.asText());
  }

  private static Expr operand(Map<String, Expr> values, JsonNode operand) {
    if (operand.isNumber()) {
      return Expr.of(operand.asDouble());
    }
    Expr value = values.get(operand.asText());
    if (value == null) {
      throw new IllegalArgumentException("golden file names an unknown value: " + operand);
    }
    return value;
  }
}
