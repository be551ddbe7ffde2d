package io.ordo.dsl;

import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the {@code steps} list. Ids are collected first, so an expression can be told that the step
 * it names exists but runs later, and so a duplicate id is reported at its second use.
 */
final class StepsReader {

  private final StepReader steps;
  private final Violations violations;

  StepsReader(StepReader steps, Violations violations) {
    this.steps = steps;
    this.violations = violations;
  }

  /** Every step id in order, "" where a step has none that can be read. */
  static List<String> ids(@Nullable Node node) {
    if (!(node instanceof SequenceNode sequence)) {
      return List.of();
    }
    return sequence.getValue().stream()
        .map(StepsReader::idNode)
        .map(id -> id == null ? "" : id.getValue())
        .toList();
  }

  @Nullable List<Step> read(Node node, Defaults defaults) {
    if (!(node instanceof SequenceNode sequence)) {
      violations.add("steps", node, "steps must be a list of steps, got " + Scalars.describe(node));
      return null;
    }
    if (sequence.getValue().isEmpty()) {
      violations.add("steps", node, "steps must list at least one step");
      return null;
    }
    reportDuplicateIds(sequence);
    List<String> ids = ids(sequence);
    List<Step> read = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      FunctionStep step =
          steps.read(sequence.getValue().get(i), YamlPath.index("steps", i), i, ids, defaults);
      if (step != null) {
        read.add(step);
      }
    }
    return read.size() == ids.size() ? read : null;
  }

  private void reportDuplicateIds(SequenceNode sequence) {
    Map<String, Integer> firstUse = new HashMap<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      ScalarNode id = idNode(sequence.getValue().get(i));
      if (id == null || id.getValue().isEmpty()) {
        continue;
      }
      Integer first = firstUse.putIfAbsent(id.getValue(), i);
      if (first != null) {
        violations.add(
            YamlPath.index("steps", i) + ".id",
            id,
            "step id '"
                + id.getValue()
                + "' is already used by steps["
                + first
                + "]; ids must be unique");
      }
    }
  }

  /**
   * The first {@code id} of a step, read without reporting: the step reader reports its problems.
   */
  private static @Nullable ScalarNode idNode(Node step) {
    if (step instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key
            && key.getValue().equals("id")
            && tuple.getValueNode() instanceof ScalarNode id
            && !Scalars.isNull(id)) {
          return id;
        }
      }
    }
    return null;
  }
}
