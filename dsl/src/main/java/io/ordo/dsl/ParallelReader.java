package io.ordo.dsl;

import io.ordo.dsl.StepOutline.Item;
import io.ordo.dsl.model.ParallelStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepTree.Lane;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a parallel step: branches of steps that run at once, each named for people ({@code
 * branch-1}, {@code branch-2} … when unnamed), names unique within the step.
 */
final class ParallelReader {

  private static final List<String> BRANCH_KEYS = List.of("name", "steps");

  private final ReadContext context;
  private final Violations violations;
  private final StepsReader blocks;

  ParallelReader(ReadContext context, StepsReader blocks) {
    this.context = context;
    this.violations = context.violations();
    this.blocks = blocks;
  }

  @Nullable KindPart read(YamlMap map, Item item) {
    Node node = map.get("parallel");
    String path = map.path("parallel");
    if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
      violations.add(
          path,
          node == null ? map.node() : node,
          "parallel must be a list of branches, each {name: …, steps: [ … ]}, got "
              + (node == null ? "nothing" : Scalars.describe(node)));
      return null;
    }
    int before = violations.count();
    List<ParallelStep.Branch> branches = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      ParallelStep.Branch branch =
          branch(
              sequence.getValue().get(i),
              YamlPath.index(path, i),
              i,
              item.lane(Lane.of(Lane.Kind.BRANCH, i)),
              names);
      if (branch != null) {
        branches.add(branch);
      }
    }
    if (violations.count() > before) {
      return null;
    }
    return (id, options) -> new ParallelStep(id, branches, options);
  }

  private ParallelStep.@Nullable Branch branch(
      Node node, String path, int index, StepOutline.Block block, Map<String, Integer> names) {
    YamlMap map = YamlMap.read(node, path, "each branch", violations);
    if (map == null) {
      return null;
    }
    map.rejectUnknownKeys(BRANCH_KEYS);
    String name = name(map, index, names);
    Node stepsNode = map.require("steps");
    List<Step> steps = stepsNode == null ? null : blocks.read(stepsNode, map.path("steps"), block);
    return name == null || steps == null ? null : new ParallelStep.Branch(name, steps);
  }

  private @Nullable String name(YamlMap map, int index, Map<String, Integer> names) {
    Node node = map.get("name");
    String name = "branch-" + (index + 1);
    if (node != null) {
      name = context.scalars().text(node, map.path("name"));
      if (name == null) {
        return null;
      }
      if (name.isBlank()) {
        violations.add(
            map.path("name"),
            node,
            "name must not be blank; leave it out for branch-" + (index + 1));
        return null;
      }
    }
    Integer first = names.putIfAbsent(name, index);
    if (first != null) {
      violations.add(
          node == null ? map.path() : map.path("name"),
          node == null ? map.node() : node,
          "branch name '" + name + "' is already used by branch " + (first + 1) + " of this step");
      return null;
    }
    return name;
  }
}
