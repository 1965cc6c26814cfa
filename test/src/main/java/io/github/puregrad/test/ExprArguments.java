package io.github.puregrad.test;

import io.github.puregrad.check.ExprGenerator;
import java.util.Objects;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * The provider behind {@link ExprSource}: JUnit creates it, hands it the annotation, then asks for
 * the arguments. Package-private: JUnit makes it accessible by reflection.
 */
final class ExprArguments implements ArgumentsProvider, AnnotationConsumer<ExprSource> {
  private @Nullable ExprSource source;

  @Override
  public void accept(ExprSource annotation) {
    // JUnit's protocol: a provider is configured through this call, once, before it is used
    this.source = Objects.requireNonNull(annotation, "annotation is null");
    if (annotation.count() < 1) {
      throw new IllegalArgumentException(
          "@ExprSource count must be at least 1, got " + annotation.count());
    }
  }

  @Override
  public Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context) {
    ExprSource annotation = Objects.requireNonNull(source, "no @ExprSource was given");
    ExprGenerator generator = generator(annotation);
    return LongStream.range(0, annotation.count())
        .mapToObj(i -> generator.sample(annotation.seed() + i))
        .map(sample -> Arguments.of(Named.of(name(sample), sample)));
  }

  /** {@return the generator an annotation describes} */
  static ExprGenerator generator(ExprSource annotation) {
    ExprGenerator generator =
        ExprGenerator.builder()
            .inputs(annotation.inputs())
            .operations(annotation.operations())
            .build();
    return annotation.ops().length == 0 ? generator : generator.withOps(annotation.ops());
  }

  /** {@return "seed S: line; line; ...", on one line for the test report} */
  static String name(ExprGenerator.Sample sample) {
    return "seed " + sample.seed() + ": " + sample.program().strip().replace("\n", "; ");
  }
}
