package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A deployed workflow as the engine sees it: every step carries its effective timeout and retry
 * policy (step value, else {@code defaults}, else Ordo's built-in default).
 *
 * @param tree where each step, nested ones included, sits; derived from {@code steps}
 */
public record WorkflowDefinition(
    String name,
    @Nullable String description,
    InputSchema inputSchema,
    @Nullable Duration timeout,
    List<Step> steps,
    @Nullable Template output,
    StepTree tree) {

  public WorkflowDefinition(
      String name,
      @Nullable String description,
      InputSchema inputSchema,
      @Nullable Duration timeout,
      List<Step> steps,
      @Nullable Template output) {
    this(name, description, inputSchema, timeout, steps, output, new StepTree(List.copyOf(steps)));
  }

  public WorkflowDefinition {
    steps = List.copyOf(steps);
  }

  /** The step with this id, wherever it is nested. */
  public Optional<Step> step(String id) {
    return tree.place(id).map(StepTree.Place::step);
  }
}
