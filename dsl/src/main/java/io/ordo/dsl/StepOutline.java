package io.ordo.dsl;

import io.ordo.dsl.model.ForEachStep;
import io.ordo.dsl.model.StepTree.Lane;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Where every step id of a definition sits, read from the YAML before the steps themselves and
 * without reporting anything. Expressions are checked while the steps are read, and they may name
 * any step, nested or later; the outline is what tells "does not exist" from "not visible here",
 * and it is how duplicate ids are found across nesting levels.
 */
final class StepOutline {

  /** A list of steps that run one after another: the workflow's own, or a body of a step. */
  static final class Block {
    private final @Nullable Item owner;
    private final Lane lane;
    private final List<Item> items = new ArrayList<>();

    Block(@Nullable Item owner, Lane lane) {
      this.owner = owner;
      this.lane = lane;
    }

    @Nullable Item owner() {
      return owner;
    }

    Lane lane() {
      return lane;
    }

    List<Item> items() {
      return items;
    }

    /** The step at {@code index}; an unreadable entry still has one, without an id. */
    Item item(int index) {
      return items.get(index);
    }
  }

  /** One step: its id ("" when it has none that can be read), place and bodies. */
  static final class Item {
    private final Block block;
    private final int index;
    private final int order;
    private final String id;
    private final @Nullable ScalarNode idNode;
    private final String path;
    private final Map<Lane, Block> lanes = new LinkedHashMap<>();
    private @Nullable String as;

    Item(Block block, int index, int order, String id, @Nullable ScalarNode idNode, String path) {
      this.block = block;
      this.index = index;
      this.order = order;
      this.id = id;
      this.idNode = idNode;
      this.path = path;
    }

    Block block() {
      return block;
    }

    int index() {
      return index;
    }

    /** Its position among all steps of the workflow, in document order. */
    int order() {
      return order;
    }

    String id() {
      return id;
    }

    @Nullable ScalarNode idNode() {
      return idNode;
    }

    String path() {
      return path;
    }

    /** For a forEach: the name its item has in the body, as written (or the default). */
    @Nullable String as() {
      return as;
    }

    /** Its cases, default, branches, body and catches that the YAML has. */
    Collection<Block> bodies() {
      return lanes.values();
    }

    /** The body {@code lane} of this step; an empty block when the YAML has none there. */
    Block lane(Lane lane) {
      Block body = lanes.get(lane);
      return body == null ? new Block(this, lane) : body;
    }
  }

  private final Block top = new Block(null, Lane.TOP);
  private final List<Item> all = new ArrayList<>();
  private final Map<String, Item> byId = new HashMap<>();
  private List<String> ids = List.of();

  private StepOutline() {}

  /** The outline of the {@code steps} value of a definition (absent or malformed: no steps). */
  static StepOutline of(@Nullable Node steps) {
    StepOutline outline = new StepOutline();
    outline.fill(outline.top, steps, "steps");
    outline.ids =
        outline.all.stream().map(Item::id).filter(id -> !id.isEmpty()).distinct().toList();
    return outline;
  }

  Block top() {
    return top;
  }

  /** Every step, nested ones included, in document order. */
  List<Item> items() {
    return all;
  }

  /** The step with this id (the first, if it is used twice), or null. */
  @Nullable Item find(String id) {
    return byId.get(id);
  }

  /** Every id in document order, each once. */
  List<String> ids() {
    return ids;
  }

  private void fill(Block block, @Nullable Node steps, String path) {
    if (!(steps instanceof SequenceNode sequence)) {
      return;
    }
    List<Node> nodes = sequence.getValue();
    for (int i = 0; i < nodes.size(); i++) {
      Map<String, Node> keys = firstKeys(nodes.get(i));
      ScalarNode idNode = keys.get("id") instanceof ScalarNode s && !Scalars.isNull(s) ? s : null;
      String id = idNode == null ? "" : idNode.getValue();
      Item item = new Item(block, i, all.size(), id, idNode, YamlPath.index(path, i));
      block.items.add(item);
      all.add(item);
      if (!id.isEmpty()) {
        byId.putIfAbsent(id, item);
      }
      bodies(item, keys);
    }
  }

  /** The bodies of a step, with the lanes {@link io.ordo.dsl.model.StepTree} gives them. */
  private void bodies(Item item, Map<String, Node> keys) {
    String path = item.path;
    if (keys.containsKey("switch")) {
      lanes(item, keys.get("switch"), YamlPath.child(path, "switch"), Lane.Kind.CASE);
      body(item, Lane.DEFAULT, keys.get("default"), YamlPath.child(path, "default"));
    }
    if (keys.containsKey("parallel")) {
      lanes(item, keys.get("parallel"), YamlPath.child(path, "parallel"), Lane.Kind.BRANCH);
    }
    if (keys.containsKey("forEach")) {
      Node as = keys.get("as");
      item.as =
          as == null ? ForEachStep.DEFAULT_AS : as instanceof ScalarNode s ? s.getValue() : null;
      body(item, Lane.BODY, keys.get("steps"), YamlPath.child(path, "steps"));
    }
    lanes(item, keys.get("catch"), YamlPath.child(path, "catch"), Lane.Kind.CATCH);
  }

  /** Cases, branches or catches: a list of mappings, each with its own {@code steps}. */
  private void lanes(Item item, @Nullable Node list, String path, Lane.Kind kind) {
    if (!(list instanceof SequenceNode sequence)) {
      return;
    }
    for (int i = 0; i < sequence.getValue().size(); i++) {
      String at = YamlPath.index(path, i);
      Node steps = firstKeys(sequence.getValue().get(i)).get("steps");
      body(item, Lane.of(kind, i), steps, YamlPath.child(at, "steps"));
    }
  }

  private void body(Item item, Lane lane, @Nullable Node steps, String path) {
    Block block = new Block(item, lane);
    item.lanes.put(lane, block);
    fill(block, steps, path);
  }

  /** A mapping's values by key, the first of duplicates winning as in {@link YamlMap}. */
  private static Map<String, Node> firstKeys(Node node) {
    Map<String, Node> keys = new HashMap<>();
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          keys.putIfAbsent(key.getValue(), tuple.getValueNode());
        }
      }
    }
    return keys;
  }
}
