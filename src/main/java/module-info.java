/**
 * puregrad: scalar reverse-mode automatic differentiation with immutable expressions, and the
 * networks, optimizers and training built on it. Start with {@link io.github.puregrad.expr.Expr}
 * and {@link io.github.puregrad.grad.Autodiff}.
 *
 * <pre>{@code
 * module my.app {
 *   requires io.github.puregrad;      // reads io.vavr and org.jspecify too
 *   requires org.knowm.xchart;        // only to write plots (optional dependency)
 *   requires java.desktop;            //   which XChart draws with
 * }
 * }</pre>
 *
 * <p>Vavr and JSpecify appear in the API, so a module that reads puregrad reads them. XChart
 * (plots), Jackson (save files), AssertJ and JUnit (the test kit in {@code check}) and the
 * Immutables annotations (compile time only) are optional: a module that uses those parts requires
 * them itself.
 */
// XChart and the Immutables annotations have no module-info, only an Automatic-Module-Name:
// stable names, and both are static, so nothing of them is forced on a consumer
@SuppressWarnings("requires-automatic")
module io.github.puregrad {
  requires transitive io.vavr;
  requires transitive org.jspecify;
  requires static java.desktop;
  requires static org.knowm.xchart;
  requires static com.fasterxml.jackson.databind;
  requires static org.assertj.core;
  requires static org.junit.jupiter.api;
  requires static org.junit.jupiter.params;
  requires static org.immutables.value.annotations;

  exports io.github.puregrad.check;
  exports io.github.puregrad.data;
  exports io.github.puregrad.expr;
  exports io.github.puregrad.grad;
  exports io.github.puregrad.nn;
  exports io.github.puregrad.optim;
  exports io.github.puregrad.train;
  exports io.github.puregrad.viz;

  // @ExprSource's provider is package-private: JUnit makes it by reflection
  opens io.github.puregrad.check to
      org.junit.platform.commons;
}
