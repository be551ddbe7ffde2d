package io.ordo.orchestrator.store;

import io.ordo.orchestrator.engine.RunState;
import io.ordo.orchestrator.engine.StepExecution;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a run is split into its stored parts and put together again: the head ({@code runs.state}),
 * the input, and one JSON document per step execution, a forEach's items apart from the rest.
 */
@Component
public class RunJson {

  private final JsonMapper json;

  public RunJson(JsonMapper json) {
    this.json = json;
  }

  String head(RunState run) {
    return json.writeValueAsString(RunHead.of(run));
  }

  String input(RunState run) {
    return json.writeValueAsString(run.input());
  }

  /** The execution without its items, which are written once in a column of their own. */
  String step(StepExecution step) {
    if (step.items() == null) {
      return json.writeValueAsString(step);
    }
    ObjectNode node = json.valueToTree(step);
    node.remove("items");
    return json.writeValueAsString(node);
  }

  @Nullable String items(StepExecution step) {
    return step.items() == null ? null : json.writeValueAsString(step.items());
  }

  /** A run from its parts; throws when a part is not what this version of Ordo wrote. */
  public RunState assemble(String head, String input, List<StoredStep> steps) {
    RunHead parsed = json.readValue(head, RunHead.class);
    JsonNode inputNode = json.readTree(input);
    return parsed.with(inputNode, steps.stream().map(this::read).toList());
  }

  private StepExecution read(StoredStep stored) {
    if (stored.items() == null) {
      return json.readValue(stored.data(), StepExecution.class);
    }
    ObjectNode node = (ObjectNode) json.readTree(stored.data());
    node.set("items", json.readTree(stored.items()));
    return json.treeToValue(node, StepExecution.class);
  }

  /** One row of {@code run_steps}, in {@code seq} order. */
  public record StoredStep(String data, @Nullable String items) {}
}
