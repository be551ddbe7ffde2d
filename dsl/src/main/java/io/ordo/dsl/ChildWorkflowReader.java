package io.ordo.dsl;

import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.WorkflowStep;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a workflow step: the child workflow by name (its latest version unless {@code version} pins
 * one) and the child run's input. Whether that workflow exists is known only to the orchestrator,
 * which checks it at deploy time and again when the step starts.
 */
final class ChildWorkflowReader {

  private final ReadContext context;

  ChildWorkflowReader(ReadContext context) {
    this.context = context;
  }

  @Nullable KindPart read(YamlMap map, Position here) {
    Node nameNode = map.get("workflow");
    String workflow =
        nameNode == null
            ? null
            : context
                .scalars()
                .matching(
                    nameNode,
                    map.path("workflow"),
                    WorkflowReader.NAME,
                    "lowercase letters, digits, '.' and '-', such as shipping");
    Node versionNode = map.get("version");
    Integer version =
        versionNode == null
            ? null
            : context.scalars().wholeNumber(versionNode, map.path("version"), 1);
    Template input = FunctionStepReader.input(map, context.templates(), here);
    if (workflow == null || (versionNode != null && version == null) || input == null) {
      return null;
    }
    return (id, options) -> new WorkflowStep(id, workflow, version, input, options);
  }
}
