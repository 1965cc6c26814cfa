package io.github.puregrad.test;

import io.github.puregrad.check.ExprGenerator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What {@link ExprSource} adds to a failing case: the seed and the whole program in the failure's
 * message, so that Maven's output and reports carry them, and a shrunk program that still fails.
 * Shrinking replays the test with the same seed and fewer operations (1, 2, ...) and reports the
 * first that fails: the generator draws each step from the seed in turn, so a shorter program is a
 * smaller case of the same draw, and it is found in at most as many runs as the program has steps.
 * A test method that takes no {@link ExprGenerator.Sample} is left alone.
 */
final class ExprFailures implements InvocationInterceptor {
  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> call,
      ExtensionContext context)
      throws Throwable {
    try {
      invocation.proceed();
    } catch (Throwable failure) {
      int at = sampleIndex(call.getArguments());
      // found as JUnit finds it, so a test annotated through a composed annotation is helped too
      Optional<ExprSource> source =
          AnnotationSupport.findAnnotation(call.getExecutable(), ExprSource.class);
      if (at < 0 || source.isEmpty()) {
        throw failure;
      }
      ExprGenerator.Sample sample = (ExprGenerator.Sample) call.getArguments().get(at);
      ExprGenerator.@Nullable Sample smallest = shrink(call, at, source.get(), sample);
      throw new AssertionError(message(source.get(), sample, smallest, failure), failure);
    }
  }

  /** {@return the first sample of the same seed with fewer operations that fails too, or null} */
  private static ExprGenerator.@Nullable Sample shrink(
      ReflectiveInvocationContext<Method> call,
      int at,
      ExprSource source,
      ExprGenerator.Sample sample) {
    ExprGenerator generator = ExprArguments.generator(source);
    for (int n = 1; n < generator.operations(); n++) {
      ExprGenerator.Sample smaller = generator.withOperations(n).sample(sample.seed());
      if (fails(call, at, smaller)) {
        return smaller;
      }
    }
    return null;
  }

  private static boolean fails(
      ReflectiveInvocationContext<Method> call, int at, ExprGenerator.Sample sample) {
    List<Object> arguments = new ArrayList<>(call.getArguments());
    arguments.set(at, sample);
    Method method = call.getExecutable();
    try {
      method.setAccessible(true); // a test method is usually package-private
      method.invoke(call.getTarget().orElse(null), arguments.toArray());
      return false;
    } catch (InvocationTargetException e) {
      return true; // the test threw: this smaller case fails too
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false; // could not replay it: keep the original case
    }
  }

  private static int sampleIndex(List<Object> arguments) {
    for (int i = 0; i < arguments.size(); i++) {
      if (arguments.get(i) instanceof ExprGenerator.Sample) {
        return i;
      }
    }
    return -1;
  }

  /** The failure's own message first, then the case, the shrunk case and how to replay it. */
  static String message(
      ExprSource source,
      ExprGenerator.Sample sample,
      ExprGenerator.@Nullable Sample smallest,
      Throwable failure) {
    StringBuilder text = new StringBuilder();
    text.append(failure.getMessage() == null ? failure.toString() : failure.getMessage().strip());
    text.append("\n\n@ExprSource case: seed ").append(sample.seed()).append('\n');
    text.append(indent(sample.program()));
    if (smallest == null) {
      text.append("no case of this seed with fewer operations fails");
    } else {
      int steps = smallest.program().strip().split("\n", -1).length;
      text.append("shrunk (same seed, fewer operations) to a case that still fails, ")
          .append(steps)
          .append(steps == 1 ? " line:\n" : " lines:\n")
          .append(indent(smallest.program()));
    }
    text.append("\nreplay it: @ExprSource(count = 1, seed = ")
        .append(sample.seed())
        .append(", inputs = ")
        .append(source.inputs())
        .append(", operations = ")
        .append(source.operations())
        .append(source.ops().length == 0 ? "" : ", ops = {...}")
        .append(')');
    return text.toString();
  }

  private static String indent(String program) {
    StringBuilder text = new StringBuilder();
    for (String line : program.strip().split("\n", -1)) {
      text.append("    ").append(line).append('\n');
    }
    return text.toString();
  }
}
