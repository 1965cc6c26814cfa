package io.github.puregrad.demo;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;

/** The demo's command line, parsed; every field but the mode is optional. */
record Options(
    String mode,
    Option<Path> init,
    Option<Long> seed,
    Option<Path> data,
    Option<Integer> epochs,
    Option<Double> lr) {

  private static final List<String> NAMES =
      List.of("--init", "--seed", "--data", "--epochs", "--lr");

  /** {@return the options in {@code args}, or what is wrong with them} */
  static Either<String, Options> parse(List<String> args) {
    Options options =
        new Options(
            "seed", Option.none(), Option.none(), Option.none(), Option.none(), Option.none());
    List<String> rest = args;
    if (!rest.isEmpty() && !rest.head().startsWith("--")) {
      if (!rest.head().equals("seed") && !rest.head().equals("moons")) {
        return Either.left("unknown mode '" + rest.head() + "', expected seed or moons");
      }
      options = options.withMode(rest.head());
      rest = rest.tail();
    }
    while (!rest.isEmpty()) {
      String name = rest.head();
      if (!NAMES.contains(name)) {
        return Either.left(
            name.startsWith("--")
                ? "unknown option '" + name + "'"
                : "unexpected argument '" + name + "'");
      }
      if (rest.size() < 2) {
        return Either.left("option " + name + " needs a value");
      }
      String value = rest.get(1);
      rest = rest.drop(2);
      Either<String, Options> next = options.with(name, value);
      if (next.isLeft()) {
        return next;
      }
      options = next.get();
    }
    return Either.right(options);
  }

  private Either<String, Options> with(String name, String value) {
    return switch (name) {
      case "--init" ->
          Either.right(new Options(mode, Option.some(Path.of(value)), seed, data, epochs, lr));
      case "--data" ->
          Either.right(new Options(mode, init, seed, Option.some(Path.of(value)), epochs, lr));
      case "--seed" ->
          parseLong(name, value)
              .map(n -> new Options(mode, init, Option.some(n), data, epochs, lr));
      case "--epochs" ->
          parseLong(name, value)
              .filterOrElse(
                  n -> n >= 1 && n <= Integer.MAX_VALUE,
                  n -> "--epochs expects a positive whole number, got " + value)
              .map(n -> new Options(mode, init, seed, data, Option.some(n.intValue()), lr));
      case "--lr" ->
          parseDouble(name, value)
              .map(x -> new Options(mode, init, seed, data, epochs, Option.some(x)));
      default -> Either.left("unknown option '" + name + "'");
    };
  }

  private Options withMode(String newMode) {
    return new Options(newMode, init, seed, data, epochs, lr);
  }

  private static Either<String, Long> parseLong(String name, String value) {
    try {
      return Either.right(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return Either.left(name + " expects a whole number, got '" + value + "'");
    }
  }

  private static Either<String, Double> parseDouble(String name, String value) {
    try {
      double x = Double.parseDouble(value);
      if (Double.isFinite(x) && x > 0) {
        return Either.right(x);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    return Either.left(name + " expects a positive number, got '" + value + "'");
  }
}
