package io.ordo.dsl;

import io.ordo.dsl.StepOutline.Block;
import io.ordo.dsl.StepOutline.Item;
import io.ordo.dsl.expr.Expecting;
import io.ordo.dsl.expr.ExpressionCompiler;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.ForEachStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepTree.Lane;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a forEach: the list to fan out over (a YAML list or one expression giving a list), the name
 * its body sees each element by ({@code as}), how many iterations may run at once, and the body.
 */
final class ForEachReader {

  private static final String ITEMS_EXAMPLE = "${ input.items }";

  private final ReadContext context;
  private final Violations violations;
  private final StepsReader blocks;

  ForEachReader(ReadContext context, StepsReader blocks) {
    this.context = context;
    this.violations = context.violations();
    this.blocks = blocks;
  }

  @Nullable KindPart read(YamlMap map, Item item, Position here) {
    int before = violations.count();
    Template items = items(map, here);
    String as = as(map, item);
    Node maxNode = map.get("maxConcurrency");
    Integer maxConcurrency =
        maxNode == null
            ? Integer.valueOf(ForEachStep.DEFAULT_MAX_CONCURRENCY)
            : context.scalars().wholeNumber(maxNode, map.path("maxConcurrency"), 1);
    Node stepsNode = map.require("steps");
    List<Step> steps =
        stepsNode == null ? null : blocks.read(stepsNode, map.path("steps"), item.lane(Lane.BODY));
    if (violations.count() > before
        || items == null
        || as == null
        || maxConcurrency == null
        || steps == null) {
      return null;
    }
    return (id, options) -> new ForEachStep(id, items, as, maxConcurrency, steps, options);
  }

  private @Nullable Template items(YamlMap map, Position here) {
    Node node = map.get("forEach");
    String path = map.path("forEach");
    if (node instanceof SequenceNode) {
      return context.templates().read(node, path, here);
    }
    if (node instanceof ScalarNode scalar
        && ExpressionCompiler.isOneExpression(scalar.getValue())) {
      return context.templates().expression(node, path, here, Expecting.LIST, ITEMS_EXAMPLE);
    }
    violations.add(
        path,
        node == null ? map.node() : node,
        "forEach must be a list, or one expression that gives a list, such as "
            + ITEMS_EXAMPLE
            + ", got "
            + (node == null ? "nothing" : Scalars.describe(node)));
    return null;
  }

  /** The item's name: usable in expressions, hiding neither a global nor an outer item. */
  private @Nullable String as(YamlMap map, Item item) {
    Node node = map.get("as");
    if (node == null) {
      Item outer = enclosingWithItem(item, ForEachStep.DEFAULT_AS);
      if (outer != null) {
        violations.add(
            map.path("forEach"),
            map.keyNode("forEach"),
            "this forEach's item would be named "
                + ForEachStep.DEFAULT_AS
                + ", which already names the item of the enclosing forEach '"
                + outer.id()
                + "'; name this one with as");
        return null;
      }
      return ForEachStep.DEFAULT_AS;
    }
    String path = map.path("as");
    String as =
        context
            .scalars()
            .matching(
                node,
                path,
                LocalNames.IDENTIFIER,
                "letters, digits and '_', not starting with a digit, such as line");
    if (as == null) {
      return null;
    }
    String problem = null;
    Item outer = enclosingWithItem(item, as);
    if (LocalNames.TAKEN.contains(as)) {
      problem =
          "as must not be '"
              + as
              + "': expressions already use that name for "
              + (as.equals(LocalNames.ERROR) ? "the failure in a catch" : "the workflow's " + as);
    } else if (LocalNames.CEL_RESERVED.contains(as)) {
      problem = "as must not be '" + as + "', a reserved word in expressions";
    } else if (outer != null) {
      problem =
          "as '"
              + as
              + "' already names the item of the enclosing forEach '"
              + outer.id()
              + "'; pick another name so both stay readable";
    }
    if (problem != null) {
      violations.add(path, node, problem);
      return null;
    }
    return as;
  }

  private static @Nullable Item enclosingWithItem(Item item, String name) {
    for (Block block = item.block(); block.owner() != null; block = block.owner().block()) {
      Item owner = block.owner();
      if (block.lane().kind() == Lane.Kind.BODY && name.equals(owner.as())) {
        return owner;
      }
    }
    return null;
  }
}
