package io.github.puregrad.demo;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * The demo's command line, parsed; every field but the mode is optional.
 *
 * @param stopAfter stop after this many steps (epochs), as if interrupted; the run keeps its length
 * @param save where to write the run's state when it stops
 * @param resume a saved run to continue
 * @param labels "0/1" to read targets 0 and 1 as -1 and +1 (the hinge loss needs ±1)
 */
record Options(
    String mode,
    Option<Path> init,
    Option<Long> seed,
    Option<Path> data,
    Option<Integer> epochs,
    Option<Double> lr,
    Option<Integer> stopAfter,
    Option<Path> save,
    Option<Path> resume,
    Option<String> labels) {

  private static final List<String> NAMES =
      List.of(
          "--init",
          "--seed",
          "--data",
          "--epochs",
          "--lr",
          "--stop-after",
          "--save",
          "--resume",
          "--labels");

  /** What a resumed run takes from its file; giving one of these again is an error. */
  private static final List<String> SAVED = List.of("--init", "--seed", "--epochs", "--lr");

  /** {@return the options in {@code args}, or what is wrong with them} */
  static Either<String, Options> parse(List<String> args) {
    String mode = "seed";
    List<String> rest = args;
    if (!rest.isEmpty() && !rest.head().startsWith("--")) {
      if (!List.of("seed", "moons", "digits").contains(rest.head())) {
        return Either.left("unknown mode '" + rest.head() + "', expected seed, moons or digits");
      }
      mode = rest.head();
      rest = rest.tail();
    }
    Map<String, String> values = LinkedHashMap.empty();
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
      values = values.put(name, rest.get(1));
      rest = rest.drop(2);
    }
    if (values.containsKey("--resume")) {
      Option<String> clash = SAVED.find(values::containsKey);
      if (clash.isDefined()) {
        return Either.left(
            clash.get() + " cannot be combined with --resume: the saved run fixes it");
      }
    }
    if (values.containsKey("--labels") && !values.containsKey("--data")) {
      return Either.left("--labels applies to the targets of --data FILE, and none was given");
    }
    return build(mode, values);
  }

  private static Either<String, Options> build(String mode, Map<String, String> values) {
    Either<String, Option<Path>> init = get(values, "--init", Options::parsePath);
    Either<String, Option<Long>> seed = get(values, "--seed", Options::parseLong);
    Either<String, Option<Path>> data = get(values, "--data", Options::parsePath);
    Either<String, Option<Integer>> epochs = get(values, "--epochs", Options::parseCount);
    Either<String, Option<Double>> lr = get(values, "--lr", Options::parseRate);
    Either<String, Option<Integer>> stopAfter = get(values, "--stop-after", Options::parseCount);
    Either<String, Option<Path>> save = get(values, "--save", Options::parsePath);
    Either<String, Option<Path>> resume = get(values, "--resume", Options::parsePath);
    Either<String, Option<String>> labels = get(values, "--labels", Options::parseLabels);
    for (Either<String, ?> value :
        List.of(init, seed, data, epochs, lr, stopAfter, save, resume, labels)) {
      if (value.isLeft()) {
        return Either.left(value.getLeft());
      }
    }
    return Either.right(
        new Options(
            mode,
            init.get(),
            seed.get(),
            data.get(),
            epochs.get(),
            lr.get(),
            stopAfter.get(),
            save.get(),
            resume.get(),
            labels.get()));
  }

  private static <T> Either<String, Option<T>> get(
      Map<String, String> values,
      String name,
      BiFunction<String, String, Either<String, T>> parse) {
    Option<String> value = values.get(name);
    return value.isEmpty()
        ? Either.right(Option.none())
        : parse.apply(name, value.get()).map(Option::some);
  }

  private static Either<String, String> parseLabels(String name, String value) {
    return value.equals("0/1")
        ? Either.right(value)
        : Either.left(
            name + " expects 0/1 (targets 0 and 1 read as -1 and +1), got '" + value + "'");
  }

  private static Either<String, Path> parsePath(String name, String value) {
    try {
      return Either.right(Path.of(value));
    } catch (InvalidPathException e) {
      return Either.left(name + " expects a file name, got '" + value + "'");
    }
  }

  private static Either<String, Long> parseLong(String name, String value) {
    try {
      return Either.right(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return Either.left(name + " expects a whole number, got '" + value + "'");
    }
  }

  private static Either<String, Integer> parseCount(String name, String value) {
    return parseLong(name, value)
        .filterOrElse(
            n -> n >= 1 && n <= Integer.MAX_VALUE,
            n -> name + " expects a positive whole number, got " + value)
        .map(Long::intValue);
  }

  private static Either<String, Double> parseRate(String name, String value) {
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
