/**
 * puregrad: scalar reverse-mode automatic differentiation with immutable expressions, and the
 * networks, optimizers and training built on it. Start with {@link io.github.puregrad.expr.Expr}
 * and {@link io.github.puregrad.grad.Autodiff}.
 *
 * <pre>{@code
 * module my.app {
 *   requires io.github.puregrad;   // reads io.vavr and org.jspecify too
 * }
 * }</pre>
 *
 * <p>Vavr and JSpecify appear in the API, so a module that reads puregrad reads them; it needs
 * nothing else. The test kit ({@code io.github.puregrad.test}), plots ({@code
 * io.github.puregrad.plot}) and save files ({@code io.github.puregrad.save}) are modules of their
 * own, each with its dependencies.
 */
// The Immutables annotations have no module-info, only an Automatic-Module-Name (a stable name),
// and are needed at compile time only
@SuppressWarnings("requires-automatic")
module io.github.puregrad {
  requires transitive io.vavr;
  requires transitive org.jspecify;
  requires static org.immutables.value.annotations;
  requires static org.objectweb.asm;

  exports io.github.puregrad.check;
  exports io.github.puregrad.data;
  exports io.github.puregrad.expr;
  exports io.github.puregrad.grad;
  exports io.github.puregrad.nn;
  exports io.github.puregrad.optim;
  exports io.github.puregrad.train;
  exports io.github.puregrad.viz;
}
