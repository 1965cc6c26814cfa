/** A program that uses puregrad as a named module. */
module example.consumer {
  requires io.github.puregrad;
}
