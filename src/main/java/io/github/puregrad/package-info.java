/**
 * puregrad: scalar reverse-mode automatic differentiation with immutable expressions.
 *
 * <p>Packages: {@code expr} (the expression graph), {@code grad} (differentiation).
 */
@NullMarked
package io.github.puregrad;

import org.jspecify.annotations.NullMarked;
