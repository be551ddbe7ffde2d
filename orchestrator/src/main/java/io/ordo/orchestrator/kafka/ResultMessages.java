package io.ordo.orchestrator.kafka;

import io.ordo.orchestrator.engine.Attempt;
import io.ordo.orchestrator.engine.Failure;
import io.ordo.orchestrator.engine.RunEvent;
import io.ordo.orchestrator.service.RunProcessor.Envelope;
import io.ordo.worker.protocol.MalformedMessageException;
import io.ordo.worker.protocol.ProtocolJson;
import io.ordo.worker.protocol.StepResult;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;

/** Reads a worker's result message into an engine event, or says exactly why it cannot. */
@Component
public class ResultMessages {

  /** A readable result, or the reason a message is not one. */
  public sealed interface Parsed {
    record Event(Envelope envelope) implements Parsed {}

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
      return new Parsed.Malformed("runId '" + result.runId() + "' is not a UUID");
    }
    var report =
        new Attempt.Report(
            result.workerId(),
            result.startedAt(),
            result.finishedAt() == null ? clock.instant() : result.finishedAt());
    RunEvent event =
        switch (result.status()) {
          case COMPLETED ->
              new RunEvent.StepCompleted(
                  result.stepId(),
                  result.attempt(),
                  result.output() == null ? JsonNodeFactory.instance.nullNode() : result.output(),
                  report);
          case FAILED -> {
            if (result.error() == null) {
              yield null;
            }
            yield new RunEvent.StepFailed(
                result.stepId(),
                result.attempt(),
                new Failure(
                    result.error().type(),
                    result.error().message(),
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
    return new Parsed.Event(new Envelope(result.runId(), event));
  }
}
