package io.ordo.orchestrator.kafka;

import io.ordo.orchestrator.engine.Attempt;
import io.ordo.orchestrator.engine.Failure;
import io.ordo.orchestrator.engine.RunEvent;
import io.ordo.orchestrator.service.Work;
import io.ordo.orchestrator.store.StorableText;
import io.ordo.worker.protocol.MalformedMessageException;
import io.ordo.worker.protocol.ProtocolJson;
import io.ordo.worker.protocol.StepResult;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads a worker's result message into an engine event, or says exactly why it cannot. An output
 * PostgreSQL could not store (U+0000 in a string or key) becomes a non-retryable failure of the
 * attempt, {@value #INVALID_OUTPUT}, so it never reaches — and fails — a batch.
 */
@Component
public class ResultMessages {

  /** The error type of an attempt whose output Ordo cannot store. */
  public static final String INVALID_OUTPUT = "InvalidOutput";

  /** A readable result, or the reason a message is not one. */
  public sealed interface Parsed {
    record Event(Work.Apply work) implements Parsed {}

    record Malformed(String reason) implements Parsed {}
  }

  private final Clock clock;

  public ResultMessages(Clock clock) {
    this.clock = clock;
  }

  public Parsed parse(byte[] value) {
    StepResult result;
    try {
      result = ProtocolJson.read(value, StepResult.class);
    } catch (MalformedMessageException e) {
      return new Parsed.Malformed("not a step result: " + e.getMessage());
    }
    try {
      UUID.fromString(result.runId());
    } catch (IllegalArgumentException e) {
      return new Parsed.Malformed(
          "runId '" + StorableText.escaped(result.runId()) + "' is not a UUID");
    }
    if (!StorableText.isStorable(result.stepId())
        || result.workerId() != null && !StorableText.isStorable(result.workerId())) {
      return new Parsed.Malformed("stepId or workerId holds U+0000, which Ordo cannot store");
    }
    var report =
        new Attempt.Report(
            result.workerId(),
            result.startedAt(),
            result.finishedAt() == null ? clock.instant() : result.finishedAt());
    RunEvent event =
        switch (result.status()) {
          case COMPLETED -> completed(result, report);
          case FAILED -> {
            if (result.error() == null) {
              yield null;
            }
            yield new RunEvent.StepFailed(
                result.stepId(),
                result.attempt(),
                new Failure(
                    StorableText.escaped(result.error().type()),
                    StorableText.escaped(result.error().message()),
                    result.error().retryable(),
                    result.stepId()),
                report);
          }
          case HEARTBEAT ->
              new RunEvent.StepHeartbeat(result.stepId(), result.attempt(), result.workerId());
        };
    if (event == null) {
      return new Parsed.Malformed("a FAILED result needs an error {type, message, retryable}");
    }
    return new Parsed.Event(new Work.Apply(result.runId(), event));
  }

  private static RunEvent completed(StepResult result, Attempt.Report report) {
    var output = result.output() == null ? JsonNodeFactory.instance.nullNode() : result.output();
    String bad = StorableText.unstorableAt(output);
    if (bad == null) {
      return new RunEvent.StepCompleted(result.stepId(), result.attempt(), output, report);
    }
    Failure refused =
        new Failure(
            INVALID_OUTPUT,
            "the output holds U+0000 at " + bad + ", which Ordo cannot store",
            false,
            result.stepId());
    return new RunEvent.StepFailed(result.stepId(), result.attempt(), refused, report);
  }
}
