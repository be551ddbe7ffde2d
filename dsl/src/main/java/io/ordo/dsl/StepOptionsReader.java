package io.ordo.dsl;

import io.ordo.dsl.StepOutline.Item;
import io.ordo.dsl.expr.Expecting;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.Catch;
import io.ordo.dsl.model.Compensation;
import io.ordo.dsl.model.RetryPolicy;
import io.ordo.dsl.model.StepOptions;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads what any step may carry besides its kind, and works out the effective timeout and retry: a
 * function step always has a timeout per attempt (its own, else {@code defaults.timeout}); a
 * workflow step retries only when it says so; every other kind has one attempt and a timeout only
 * when it sets one, as a limit on the whole step.
 */
final class StepOptionsReader {

  static final String CONDITION_EXAMPLE = "${ input.amount > 1000 }";

  private final ReadContext context;
  private final Violations violations;
  private final CatchReader catches;
  private final CompensationReader compensations;

  StepOptionsReader(ReadContext context, StepsReader blocks) {
    this.context = context;
    this.violations = context.violations();
    this.catches = new CatchReader(context, blocks);
    this.compensations = new CompensationReader(context);
  }

  /** The options, or null when something in them was reported. */
  @Nullable StepOptions read(YamlMap step, StepKind kind, Item item) {
    int before = violations.count();
    Template condition = condition(step, item);
    Duration timeout = timeout(step, kind);
    RetryPolicy retry = retry(step, kind);
    List<Catch> handlers = catches.read(step, item);
    Compensation compensation = compensations.read(step, item);
    if (violations.count() > before || retry == null || handlers == null) {
      return null;
    }
    return new StepOptions(condition, timeout, retry, handlers, compensation);
  }

  private @Nullable Template condition(YamlMap step, Item item) {
    Node node = step.get("if");
    return node == null
        ? null
        : context
            .templates()
            .expression(
                node,
                step.path("if"),
                Position.of(context.outline(), item),
                Expecting.BOOLEAN,
                CONDITION_EXAMPLE);
  }

  private @Nullable Duration timeout(YamlMap step, StepKind kind) {
    Node node = step.get("timeout");
    if (node != null) {
      return context.scalars().duration(node, step.path("timeout"));
    }
    return kind == StepKind.FUNCTION ? context.defaults().timeout() : null;
  }

  /** Keys a kind does not take, retry among them, are reported by {@link StepReader}. */
  private @Nullable RetryPolicy retry(YamlMap step, StepKind kind) {
    Node node = step.get("retry");
    if (kind == StepKind.FUNCTION || (kind == StepKind.WORKFLOW && node != null)) {
      return context.retries().read(node, step.path("retry"), context.defaults().retry());
    }
    return RetryPolicy.ONCE;
  }
}
