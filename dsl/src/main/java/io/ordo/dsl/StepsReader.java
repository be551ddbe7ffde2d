package io.ordo.dsl;

import io.ordo.dsl.StepOutline.Block;
import io.ordo.dsl.StepOutline.Item;
import io.ordo.dsl.model.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a list of steps: the workflow's own, or a body of a composite step (a case, a branch, a
 * forEach body, a catch). Each step is read against its place in the outline, which says what its
 * expressions may see.
 */
final class StepsReader {

  private final ReadContext context;
  private final StepReader steps;

  StepsReader(ReadContext context) {
    this.context = context;
    this.steps = new StepReader(context, this);
  }

  /** The workflow's steps; duplicate ids anywhere in the workflow are reported here, once. */
  @Nullable List<Step> readWorkflowSteps(Node node) {
    reportDuplicateIds();
    return read(node, "steps", context.outline().top());
  }

  /**
   * The steps of a block, or null when anything in them was reported.
   *
   * @param path where the list is, as {@code steps[2].parallel[0].steps}; its last key names it in
   *     messages
   */
  @Nullable List<Step> read(Node node, String path, Block block) {
    String key = YamlPath.lastKey(path);
    if (!(node instanceof SequenceNode sequence)) {
      context
          .violations()
          .add(path, node, key + " must be a list of steps, got " + Scalars.describe(node));
      return null;
    }
    List<Node> nodes = sequence.getValue();
    if (nodes.isEmpty()) {
      context.violations().add(path, node, key + " must list at least one step");
      return null;
    }
    List<Step> read = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Step step = steps.read(nodes.get(i), YamlPath.index(path, i), itemAt(block, i, path));
      if (step != null) {
        read.add(step);
      }
    }
    return read.size() == nodes.size() ? read : null;
  }

  /**
   * The outline reads the same YAML, so it always has the item; a stand-in keeps a disagreement (a
   * bug) from turning into an exception on user input.
   */
  private static Item itemAt(Block block, int index, String path) {
    return index < block.items().size()
        ? block.item(index)
        : new Item(block, index, -1, "", null, YamlPath.index(path, index));
  }

  /** At the second use of an id, naming where the first one is: ids are unique across nesting. */
  private void reportDuplicateIds() {
    Map<String, Item> firstUse = new HashMap<>();
    for (Item item : context.outline().items()) {
      if (item.id().isEmpty() || item.idNode() == null) {
        continue;
      }
      Item first = firstUse.putIfAbsent(item.id(), item);
      if (first != null) {
        context
            .violations()
            .add(
                item.path() + ".id",
                item.idNode(),
                "step id '"
                    + item.id()
                    + "' is already used by "
                    + first.path()
                    + "; ids must be unique across the workflow, nested steps included");
      }
    }
  }
}
