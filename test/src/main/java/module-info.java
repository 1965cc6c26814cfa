/**
 * The puregrad test kit: JUnit 5 and AssertJ support ({@link io.github.puregrad.test}).
 *
 * <pre>{@code
 * module my.app.test {
 *   requires io.github.puregrad.test;   // reads puregrad, JUnit's params and AssertJ too
 * }
 * }</pre>
 */
module io.github.puregrad.test {
  requires transitive io.github.puregrad;
  requires transitive org.junit.jupiter.params;
  requires transitive org.assertj.core;

  exports io.github.puregrad.test;

  // @ExprSource's provider and the failure interceptor are package-private: JUnit makes them by
  // reflection
  opens io.github.puregrad.test to
      org.junit.platform.commons;
}
