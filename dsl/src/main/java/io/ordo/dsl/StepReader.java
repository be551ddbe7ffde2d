package io.ordo.dsl;

import io.ordo.dsl.StepOutline.Item;
import io.ordo.dsl.expr.Suggestion;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads one step: finds its kind from the one key that names it, checks that every other key
 * belongs to that kind, and hands the kind's keys to the kind's reader and the rest (if, timeout,
 * retry, catch, compensate) to {@link StepOptionsReader}.
 */
final class StepReader {

  private static final Pattern ID = LocalNames.IDENTIFIER;

  private final ReadContext context;
  private final Violations violations;
  private final StepOptionsReader options;
  private final FunctionStepReader functions;
  private final SwitchReader switches;
  private final ParallelReader parallels;
  private final ForEachReader forEaches;
  private final WaitReader waits;
  private final ChildWorkflowReader workflows;
  private final EndReader ends;

  StepReader(ReadContext context, StepsReader blocks) {
    this.context = context;
    this.violations = context.violations();
    this.options = new StepOptionsReader(context, blocks);
    this.functions = new FunctionStepReader(context);
    this.switches = new SwitchReader(context, blocks);
    this.parallels = new ParallelReader(context, blocks);
    this.forEaches = new ForEachReader(context, blocks);
    this.waits = new WaitReader(context);
    this.workflows = new ChildWorkflowReader(context);
    this.ends = new EndReader(context);
  }

  /** The step, or null when something in it was reported. */
  @Nullable Step read(Node node, String path, Item item) {
    YamlMap map = YamlMap.read(node, path, "each step", violations);
    if (map == null) {
      return null;
    }
    int before = violations.count();
    String id = id(map);
    StepKind kind = kind(map, path);
    if (kind == null) {
      map.rejectUnknownKeys(StepKind.allKeys());
      return null;
    }
    rejectKeysOfOtherKinds(map, kind);
    Position here = Position.of(context.outline(), item);
    StepOptions stepOptions = options.read(map, kind, item);
    KindPart part =
        switch (kind) {
          case FUNCTION -> functions.read(map, here);
          case SWITCH -> switches.read(map, item, here);
          case PARALLEL -> parallels.read(map, item);
          case FOR_EACH -> forEaches.read(map, item, here);
          case WAIT -> waits.waitFor(map, here);
          case WAIT_FOR_SIGNAL -> waits.signal(map);
          case WORKFLOW -> workflows.read(map, here);
          case FAIL -> ends.fail(map, here);
          case SUCCEED -> ends.succeed(map, here);
        };
    if (violations.count() > before || id == null || stepOptions == null || part == null) {
      return null;
    }
    return part.build(id, stepOptions);
  }

  private @Nullable String id(YamlMap map) {
    Node id = map.require("id");
    return id == null
        ? null
        : context
            .scalars()
            .matching(id, map.path("id"), ID, "letters, digits and '_', not starting with a digit");
  }

  /** The one kind the step names, or null after saying it names none or several. */
  private @Nullable StepKind kind(YamlMap map, String path) {
    List<String> kinds = map.keys().stream().filter(StepKind.KIND_KEYS::contains).toList();
    if (kinds.isEmpty()) {
      violations.add(
          path,
          map.node(),
          "a step needs one of: "
              + String.join(", ", StepKind.KIND_KEYS)
              + ", the key that says what kind of step it is");
      return null;
    }
    if (kinds.size() > 1) {
      for (String key : kinds) {
        violations.add(
            map.path(key),
            map.keyNode(key),
            "a step has exactly one kind, but this one has "
                + kinds.size()
                + ": "
                + String.join(", ", kinds)
                + "; split it into one step per kind");
      }
      return null;
    }
    return StepKind.of(kinds.getFirst());
  }

  /** Keys of another kind get a message saying where they belong; the rest, a did-you-mean. */
  private void rejectKeysOfOtherKinds(YamlMap map, StepKind kind) {
    List<String> expected = kind.keys();
    List<String> reported = new ArrayList<>();
    String kindName = "a " + kind.key() + " step";
    for (String key : map.keys()) {
      if (expected.contains(key)) {
        continue;
      }
      List<StepKind> owners = StepKind.owning(key);
      String message;
      if (key.equals("retry")) {
        message =
            "retry applies to function and workflow steps, which have attempts; "
                + kindName
                + " runs once, so recover from its failure with catch";
      } else if (!owners.isEmpty()) {
        message =
            "'"
                + key
                + "' belongs to "
                + owners.stream().map(StepKind::key).collect(Collectors.joining(" and "))
                + " steps, not to "
                + kind.key()
                + " steps; "
                + kindName
                + " takes: "
                + String.join(", ", expected)
                + Suggestion.didYouMean(key, expected);
      } else {
        continue;
      }
      violations.add(map.path(key), map.keyNode(key), message);
      reported.add(key);
    }
    map.rejectUnknownKeys(expected, reported);
  }
}
