package io.ordo.dsl.expr;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@code steps} as CEL sees it: step id → {@code {output: …}}, built only for the ids read. */
final class StepOutputsView extends AbstractMap<String, Object> {

  private final Map<String, JsonNode> outputs;

  StepOutputsView(Map<String, JsonNode> outputs) {
    this.outputs = outputs;
  }

  @Override
  public @Nullable Object get(Object key) {
    JsonNode output = key instanceof String id ? outputs.get(id) : null;
    return output == null ? null : Map.of("output", CelJson.toCel(output));
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String id && outputs.containsKey(id);
  }

  @Override
  public int size() {
    return outputs.size();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return outputs.keySet().stream()
        .map(id -> Map.entry(id, (Object) Map.of("output", CelJson.toCel(outputs.get(id)))))
        .collect(Collectors.toUnmodifiableSet());
  }
}
