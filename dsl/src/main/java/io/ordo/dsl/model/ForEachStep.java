package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import java.util.List;

/**
 * Runs {@code steps} once per element of the list {@code items} evaluates to, at most {@code
 * maxConcurrency} at a time, with the element visible as the variable named {@code as}. Its output
 * is the list of the iterations' outputs, in the order of the items.
 */
public record ForEachStep(
    String id, Template items, String as, int maxConcurrency, List<Step> steps, StepOptions options)
    implements Step {

  public static final String DEFAULT_AS = "item";
  public static final int DEFAULT_MAX_CONCURRENCY = 10;

  public ForEachStep {
    steps = List.copyOf(steps);
  }
}
