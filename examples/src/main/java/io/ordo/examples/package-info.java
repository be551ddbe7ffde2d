/**
 * The example e-commerce step functions and workflows, deterministic so every path (success,
 * decline, retry, compensation) can be shown on demand.
 */
@NullMarked
package io.ordo.examples;

import org.jspecify.annotations.NullMarked;
