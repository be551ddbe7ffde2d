package io.ordo.dsl;

import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepOptions;

/**
 * What a kind's reader made of the keys its kind owns, waiting for the id and options that every
 * step has; a reader returns one only when those keys held no violation.
 */
@FunctionalInterface
interface KindPart {

  Step build(String id, StepOptions options);
}
