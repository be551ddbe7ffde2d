package io.ordo.dsl;

import io.ordo.dsl.StepOutline.Item;
import io.ordo.dsl.model.Catch;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepTree.Lane;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a step's {@code catch}: handlers tried in order, each naming the error types it recovers
 * from (none: every type) and the steps that run instead, which see the failure as {@code error}.
 */
final class CatchReader {

  private static final List<String> KEYS = List.of("errors", "steps");
  private static final String SHAPE = "a list of {errors: [ErrorType, …], steps: [ … ]}";

  private final ReadContext context;
  private final Violations violations;
  private final StepsReader blocks;

  CatchReader(ReadContext context, StepsReader blocks) {
    this.context = context;
    this.violations = context.violations();
    this.blocks = blocks;
  }

  /** The handlers in order, none when the step has no catch; null when reported. */
  @Nullable List<Catch> read(YamlMap step, Item item) {
    Node node = step.get("catch");
    if (node == null) {
      return List.of();
    }
    String path = step.path("catch");
    if (!(node instanceof SequenceNode sequence)) {
      violations.add(path, node, "catch must be " + SHAPE + ", got " + Scalars.describe(node));
      return null;
    }
    if (sequence.getValue().isEmpty()) {
      violations.add(path, node, "catch must list at least one handler; leave it out for none");
      return null;
    }
    int before = violations.count();
    List<Catch> handlers = new ArrayList<>();
    int catchAll = -1;
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node handlerNode = sequence.getValue().get(i);
      String at = YamlPath.index(path, i);
      if (catchAll >= 0) {
        violations.add(
            at,
            handlerNode,
            "this catch is never used: catch["
                + catchAll
                + "] before it has no errors list, so it catches every error; put it last");
      }
      Catch handler = handler(handlerNode, at, item.lane(Lane.of(Lane.Kind.CATCH, i)));
      if (handler != null) {
        handlers.add(handler);
        if (handler.errors().isEmpty() && catchAll < 0) {
          catchAll = i;
        }
      }
    }
    return violations.count() > before ? null : handlers;
  }

  private @Nullable Catch handler(Node node, String path, StepOutline.Block block) {
    YamlMap map = YamlMap.read(node, path, "each catch", violations);
    if (map == null) {
      return null;
    }
    map.rejectUnknownKeys(KEYS);
    List<String> errors = errors(map);
    Node stepsNode = map.require("steps");
    List<Step> steps = stepsNode == null ? null : blocks.read(stepsNode, map.path("steps"), block);
    return errors == null || steps == null ? null : new Catch(Set.copyOf(errors), steps);
  }

  private @Nullable List<String> errors(YamlMap map) {
    Node node = map.get("errors");
    if (node == null) {
      return List.of();
    }
    List<String> errors =
        context
            .scalars()
            .textList(node, map.path("errors"), "a list of error types, such as [Timeout]");
    if (errors != null && errors.isEmpty()) {
      violations.add(
          map.path("errors"),
          node,
          "errors must name at least one error type; leave it out to catch every error");
      return null;
    }
    return errors;
  }
}
