package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A deployed workflow as the engine sees it: every step carries its effective timeout and retry
 * policy (step value, else {@code defaults}, else Ordo's built-in default).
 */
public record WorkflowDefinition(
    String name,
    @Nullable String description,
    InputSchema inputSchema,
    @Nullable Duration timeout,
    List<Step> steps,
    @Nullable Template output) {

  public WorkflowDefinition {
    steps = List.copyOf(steps);
  }

  public Optional<Step> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public int indexOf(String stepId) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).id().equals(stepId)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no step '" + stepId + "' in workflow " + name);
  }
}
