/** CEL expressions and the JSON templates that embed them as {@code ${ … }}. */
@NullMarked
package io.ordo.dsl.expr;

import org.jspecify.annotations.NullMarked;
