package io.ordo.dsl.expr;

import java.util.List;

/**
 * The scope of an expression in a workflow whose steps all run one after another at the top level:
 * the first {@code visibleCount} steps can be read.
 */
record FlatScope(List<String> stepIds, int visibleCount, String rule) implements StepScope {

  FlatScope {
    stepIds = List.copyOf(stepIds);
    visibleCount = Math.min(Math.max(visibleCount, 0), stepIds.size());
  }

  @Override
  public boolean canRead(String stepId) {
    return stepIds.subList(0, visibleCount).contains(stepId);
  }

  @Override
  public String whyNotVisible(String stepId) {
    return Listing.rule(rule, stepIds.subList(0, visibleCount).stream().distinct().toList());
  }
}
