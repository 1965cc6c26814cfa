/**
 * puregrad plots, drawn with XChart ({@link io.github.puregrad.plot}).
 *
 * <pre>{@code
 * module my.app {
 *   requires io.github.puregrad.plot;   // reads puregrad too
 * }
 * }</pre>
 */
// XChart has no module-info, only an Automatic-Module-Name: a stable name
@SuppressWarnings("requires-automatic")
module io.github.puregrad.plot {
  requires transitive io.github.puregrad;
  requires org.knowm.xchart;
  requires java.desktop;

  exports io.github.puregrad.plot;
}
