/**
 * puregrad save files, written and read with Jackson ({@link io.github.puregrad.save}).
 *
 * <pre>{@code
 * module my.app {
 *   requires io.github.puregrad.save;   // reads puregrad too
 * }
 * }</pre>
 */
module io.github.puregrad.save {
  requires transitive io.github.puregrad;
  requires com.fasterxml.jackson.databind;

  exports io.github.puregrad.save;
}
