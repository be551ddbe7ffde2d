package io.ordo.dsl;

import io.ordo.dsl.StepOutline.Item;
import io.ordo.dsl.expr.Expecting;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepTree.Lane;
import io.ordo.dsl.model.SwitchStep;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a switch: ordered cases of {@code when} and {@code steps}, and an optional {@code default}
 * (a key of the step, beside {@code switch}). Every {@code when} is evaluated where the switch
 * stands, so it sees what the switch step sees.
 */
final class SwitchReader {

  private static final List<String> CASE_KEYS = List.of("when", "steps");

  private final ReadContext context;
  private final Violations violations;
  private final StepsReader blocks;

  SwitchReader(ReadContext context, StepsReader blocks) {
    this.context = context;
    this.violations = context.violations();
    this.blocks = blocks;
  }

  @Nullable KindPart read(YamlMap map, Item item, Position here) {
    int before = violations.count();
    List<SwitchStep.Case> cases = cases(map, item, here);
    Node defaultNode = map.get("default");
    List<Step> otherwise =
        defaultNode == null
            ? List.of()
            : blocks.read(defaultNode, map.path("default"), item.lane(Lane.DEFAULT));
    if (violations.count() > before || cases == null || otherwise == null) {
      return null;
    }
    return (id, options) -> new SwitchStep(id, cases, otherwise, options);
  }

  private @Nullable List<SwitchStep.Case> cases(YamlMap map, Item item, Position here) {
    Node node = map.get("switch");
    String path = map.path("switch");
    if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
      violations.add(
          path,
          node == null ? map.node() : node,
          "switch must be a list of cases, each {when: ${ … }, steps: [ … ]}, got "
              + (node == null ? "nothing" : Scalars.describe(node)));
      return null;
    }
    List<SwitchStep.Case> cases = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      SwitchStep.Case c =
          oneCase(
              sequence.getValue().get(i),
              YamlPath.index(path, i),
              item.lane(Lane.of(Lane.Kind.CASE, i)),
              here);
      if (c != null) {
        cases.add(c);
      }
    }
    return cases.size() == sequence.getValue().size() ? cases : null;
  }

  private SwitchStep.@Nullable Case oneCase(
      Node node, String path, StepOutline.Block block, Position here) {
    YamlMap map = YamlMap.read(node, path, "each case", violations);
    if (map == null) {
      return null;
    }
    map.rejectUnknownKeys(CASE_KEYS);
    Node whenNode = map.require("when");
    Template when =
        whenNode == null
            ? null
            : context
                .templates()
                .expression(
                    whenNode,
                    map.path("when"),
                    here,
                    Expecting.BOOLEAN,
                    StepOptionsReader.CONDITION_EXAMPLE);
    Node stepsNode = map.require("steps");
    List<Step> steps = stepsNode == null ? null : blocks.read(stepsNode, map.path("steps"), block);
    return when == null || steps == null ? null : new SwitchStep.Case(when, steps);
  }
}
