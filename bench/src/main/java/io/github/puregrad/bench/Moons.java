package io.github.puregrad.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * micrograd's moons demo data: 100 points with labels ±1 and the 337 initial parameters of {@code
 * MLP(2, [16, 16, 1])}, in micrograd's order (layer by layer, neuron by neuron, weights then bias).
 *
 * <pre>{@code
 * Moons moons = Moons.load();
 * moons.x0()[0];   // 1.1221146075409683
 * }</pre>
 */
final class Moons {
  /** Loss of micrograd's step 0 from these parameters, as micrograd printed it. */
  static final double STEP0_LOSS = 0.8958441028683222;

  static final int[] SIZES = {2, 16, 16, 1};

  // read-only after load(): a plain class rather than a record, whose equals would compare
  // the arrays by reference
  private final double[] x0;
  private final double[] x1;
  private final double[] y;
  private final double[] parameters;

  private Moons(double[] x0, double[] x1, double[] y, double[] parameters) {
    this.x0 = x0;
    this.x1 = x1;
    this.y = y;
    this.parameters = parameters;
  }

  static Moons load() {
    List<double[]> rows = new ArrayList<>();
    for (String line : lines("/io/github/puregrad/data/moons.csv").subList(1, 101)) {
      String[] cells = line.split(",", -1);
      rows.add(new double[] {parse(cells[0]), parse(cells[1]), parse(cells[2])});
    }
    double[] x0 = new double[rows.size()];
    double[] x1 = new double[rows.size()];
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      x0[i] = rows.get(i)[0];
      x1[i] = rows.get(i)[1];
      y[i] = rows.get(i)[2];
    }
    double[] parameters =
        lines("/io/github/puregrad/data/moons-init.csv").stream()
            .mapToDouble(Moons::parse)
            .toArray();
    if (parameters.length != 337) {
      throw new IllegalStateException("expected 337 parameters, got " + parameters.length);
    }
    return new Moons(x0, x1, y, parameters);
  }

  int size() {
    return y.length;
  }

  /** First input of each point. */
  double[] x0() {
    return x0;
  }

  /** Second input of each point. */
  double[] x1() {
    return x1;
  }

  /** Label of each point, -1 or +1. */
  double[] y() {
    return y;
  }

  /** The 337 initial parameters, in micrograd's order. */
  double[] parameters() {
    return parameters;
  }

  private static double parse(String cell) {
    return Double.parseDouble(cell.strip());
  }

  private static List<String> lines(String resource) {
    try (InputStream in = Moons.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is not on the class path");
      }
      List<String> lines = new ArrayList<>();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (!line.isBlank()) {
            lines.add(line);
          }
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
