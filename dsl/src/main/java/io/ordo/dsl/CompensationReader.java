package io.ordo.dsl;

import io.ordo.dsl.StepOutline.Item;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.Compensation;
import io.ordo.dsl.model.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a step's {@code compensate}: a function call whose timeout and retry default like a
 * function step's. Its input sees what the step saw plus the step itself, whose output it undoes.
 */
final class CompensationReader {

  private static final List<String> KEYS =
      List.of("function", "input", "timeout", "startTimeout", "retry");

  private final ReadContext context;
  private final Violations violations;

  CompensationReader(ReadContext context) {
    this.context = context;
    this.violations = context.violations();
  }

  /** Null both when there is none and when it was reported; the violation count tells which. */
  @Nullable Compensation read(YamlMap step, Item item) {
    Node node = step.get("compensate");
    YamlMap map =
        node == null ? null : YamlMap.read(node, step.path("compensate"), "compensate", violations);
    if (map == null) {
      return null;
    }
    map.rejectUnknownKeys(KEYS);
    String function = FunctionStepReader.function(map, context.scalars());
    Template input =
        FunctionStepReader.input(map, context.templates(), Position.after(context.outline(), item));
    Duration timeout = timeout(map);
    RetryPolicy retry =
        context.retries().read(map.get("retry"), map.path("retry"), context.defaults().retry());
    int before = violations.count();
    Duration startTimeout = FunctionStepReader.startTimeout(map, context);
    if (function == null
        || input == null
        || timeout == null
        || retry == null
        || violations.count() > before) {
      return null;
    }
    return new Compensation(function, input, timeout, retry, startTimeout);
  }

  private @Nullable Duration timeout(YamlMap map) {
    Node timeout = map.get("timeout");
    return timeout == null
        ? context.defaults().timeout()
        : context.scalars().duration(timeout, map.path("timeout"));
  }
}
