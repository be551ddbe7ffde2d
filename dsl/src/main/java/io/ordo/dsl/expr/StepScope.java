package io.ordo.dsl.expr;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which step outputs an expression may read, and the rule to quote when it reaches past them. A
 * step's input sees only the steps before it, because those are the only outputs that exist when it
 * is dispatched.
 *
 * @param stepIds every step id of the workflow, in order, so an unknown id can be told apart from
 *     one that is merely not visible yet
 * @param visible the ids this expression may reference
 * @param rule how a person would say which steps are visible, e.g. "only earlier steps"
 */
public record StepScope(List<String> stepIds, Set<String> visible, String rule) {

  public StepScope {
    stepIds = List.copyOf(stepIds);
    visible = Set.copyOf(visible);
  }

  /** For a step's input: the steps before {@code index}. */
  public static StepScope before(List<String> stepIds, int index) {
    return new StepScope(stepIds, firstN(stepIds, index), "only earlier steps");
  }

  /** For a step's compensation: the steps before it and the step itself, whose output it undoes. */
  public static StepScope upTo(List<String> stepIds, int index) {
    return new StepScope(
        stepIds, firstN(stepIds, index + 1), "only earlier steps and the step itself");
  }

  /** For the workflow's output: every step. */
  public static StepScope all(List<String> stepIds) {
    return new StepScope(stepIds, Set.copyOf(stepIds), "all steps");
  }

  /** The visible ids in workflow order, for messages. */
  public List<String> visibleInOrder() {
    return stepIds.stream().filter(visible::contains).distinct().toList();
  }

  private static Set<String> firstN(List<String> ids, int n) {
    return new LinkedHashSet<>(ids.subList(0, Math.min(Math.max(n, 0), ids.size())));
  }
}
