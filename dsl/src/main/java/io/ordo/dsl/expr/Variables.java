package io.ordo.dsl.expr;

import dev.cel.runtime.CelVariableResolver;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** What one evaluation of a template can see, resolved by name as CEL asks for it. */
record Variables(Bindings bindings) implements CelVariableResolver {

  @Override
  public Optional<Object> find(String name) {
    JsonNode local = bindings.locals().get(name);
    if (local != null) {
      return Optional.of(CelJson.toCel(local));
    }
    return switch (name) {
      case "input" -> Optional.of(CelJson.toCel(bindings.input()));
      case "steps" -> Optional.of(new StepOutputsView(bindings.stepOutputs()));
      case "run" -> Optional.of(CelJson.toCel(bindings.run()));
      default -> Optional.empty();
    };
  }
}
