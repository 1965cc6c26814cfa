/** The runnable demo behind {@code mvn -q compile exec:java}. */
@NullMarked
package io.github.puregrad.demo;

import org.jspecify.annotations.NullMarked;
