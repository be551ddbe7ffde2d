package io.ordo.dsl;

import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.WaitForSignalStep;
import io.ordo.dsl.model.WaitStep;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the steps that wait on a durable timer or for a signal. A wait is a duration literal, or
 * {@code until} a timestamp that may be computed; a literal timestamp is checked here, so a typo
 * fails the deploy rather than the run.
 */
final class WaitReader {

  static final Pattern SIGNAL = Pattern.compile("[A-Za-z0-9_.-]+");

  private static final String SHAPE =
      "a duration such as 10s or 1h30m, or {until: <an RFC 3339 timestamp>}";
  private static final String TIMESTAMP_EXAMPLE = "2025-06-01T09:00:00Z";

  private final ReadContext context;
  private final Violations violations;

  WaitReader(ReadContext context) {
    this.context = context;
    this.violations = context.violations();
  }

  @Nullable KindPart waitFor(YamlMap map, Position here) {
    Node node = map.get("wait");
    String path = map.path("wait");
    if (node instanceof MappingNode) {
      Template until = until(node, path, here);
      return until == null ? null : (id, options) -> new WaitStep(id, null, until, options);
    }
    Duration duration = duration(node, path);
    return duration == null ? null : (id, options) -> new WaitStep(id, duration, null, options);
  }

  @Nullable KindPart signal(YamlMap map) {
    Node node = map.get("waitForSignal");
    String signal =
        node == null
            ? null
            : context
                .scalars()
                .matching(
                    node,
                    map.path("waitForSignal"),
                    SIGNAL,
                    "letters, digits, '_', '.' and '-', such as managerApproval");
    return signal == null ? null : (id, options) -> new WaitForSignalStep(id, signal, options);
  }

  private @Nullable Duration duration(@Nullable Node node, String path) {
    String text = node instanceof ScalarNode scalar ? scalar.getValue() : null;
    if (text != null && text.contains("${")) {
      violations.add(
          path,
          node,
          "wait takes a duration literal such as 10s; to wait for a time computed when the step"
              + " runs, use wait: {until: ${ … }}");
      return null;
    }
    Optional<Duration> duration = text == null ? Optional.empty() : Durations.parse(text);
    if (duration.isEmpty() || duration.get().isZero()) {
      violations.add(
          path,
          node == null ? null : node.getStartMark().orElse(null),
          "wait must be "
              + (duration.isPresent() ? "longer than zero: " : "")
              + SHAPE
              + ", got "
              + (node == null ? "nothing" : Scalars.describe(node)));
      return null;
    }
    return duration.get();
  }

  private @Nullable Template until(Node node, String path, Position here) {
    YamlMap map = YamlMap.read(node, path, "wait", violations);
    if (map == null) {
      return null;
    }
    map.rejectUnknownKeys(List.of("until"));
    Node until = map.get("until");
    if (until == null) {
      violations.add(
          path, node, "wait needs a duration (wait: 10s) or a time (wait: {until: ${ … }})");
      return null;
    }
    String at = map.path("until");
    if (!(until instanceof ScalarNode scalar) || Scalars.isNull(scalar)) {
      violations.add(at, until, untilMessage(until));
      return null;
    }
    if (scalar.getValue().contains("${")) {
      return context.templates().text(scalar, at, here);
    }
    if (!isTimestamp(scalar.getValue())) {
      violations.add(at, until, untilMessage(until));
      return null;
    }
    return Template.literal(JsonNodeFactory.instance.stringNode(scalar.getValue()));
  }

  private static String untilMessage(Node until) {
    return "until must be an RFC 3339 timestamp such as "
        + TIMESTAMP_EXAMPLE
        + ", or an expression that gives one, got "
        + Scalars.describe(until);
  }

  private static boolean isTimestamp(String text) {
    try {
      OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
