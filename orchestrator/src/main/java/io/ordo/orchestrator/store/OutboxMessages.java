package io.ordo.orchestrator.store;

import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.engine.Command;
import io.ordo.orchestrator.engine.Failure;
import io.ordo.orchestrator.engine.ParentLink;
import io.ordo.orchestrator.store.JdbcOutboxStore.OutboxMessage;
import io.ordo.worker.protocol.ProtocolJson;
import io.ordo.worker.protocol.StepDispatch;
import io.ordo.worker.protocol.StepError;
import io.ordo.worker.protocol.StepResult;
import io.ordo.worker.protocol.Topics;
import io.ordo.worker.protocol.Traceparent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Turns commands into outbox rows: topic, key, JSON payload and a W3C traceparent. */
@Component
public class OutboxMessages {

  /** The worker id of a result a child run sends its parent: {@code run:<childRunId>}. */
  public static final String WORKER_PREFIX = "run:";

  private final OrdoProperties.Kafka kafka;

  public OutboxMessages(OrdoProperties properties) {
    this.kafka = properties.kafka();
  }

  OutboxMessage dispatch(Command.DispatchStep d, int shard) {
    StepDispatch message =
        new StepDispatch(
            d.runId(),
            d.stepId(),
            d.attempt(),
            d.function(),
            d.input(),
            d.deadline(),
            d.timeout() == null ? null : d.timeout().toMillis(),
            d.idempotencyKey());
    String topic = Topics.functionTopic(kafka.functionTopicPrefix(), d.function());
    return OutboxMessage.unsaved(
        shard, topic, d.runId(), ProtocolJson.write(message), traceparent(d));
  }

  OutboxMessage runEnded(Command.PublishRunEnded e, int shard) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("runId", e.runId());
    message.put("workflow", e.workflow());
    message.put("status", e.status().name());
    message.put("output", e.output());
    message.put("error", e.error());
    return OutboxMessage.unsaved(
        shard, kafka.runsTopic(), e.runId(), ProtocolJson.write(message), null);
  }

  /**
   * A child run's end as a worker result for the parent's attempt, on the results topic keyed by
   * the parent's run id, so that the result consumer applies it exactly once like any other.
   *
   * @param childRunId the run that reports; the result's worker is {@code run:<childRunId>}
   * @param startedAt when the child run started
   * @param shard the shard of the run that writes the report
   */
  OutboxMessage report(
      Command.ReportToParent r, String childRunId, Instant startedAt, Instant now, int shard) {
    ParentLink to = r.to();
    StepResult result =
        r.completed()
            ? new StepResult(
                to.runId(),
                to.stepId(),
                to.attempt(),
                StepResult.Status.COMPLETED,
                r.output(),
                null,
                WORKER_PREFIX + childRunId,
                startedAt,
                now)
            : new StepResult(
                to.runId(),
                to.stepId(),
                to.attempt(),
                StepResult.Status.FAILED,
                null,
                new StepError(errorType(r.error()), errorMessage(r.error()), false),
                WORKER_PREFIX + childRunId,
                startedAt,
                now);
    return OutboxMessage.unsaved(
        shard, kafka.resultsTopic(), to.runId(), ProtocolJson.write(result), null);
  }

  private static String errorType(@Nullable Failure error) {
    return error == null ? "ChildRunFailed" : error.type();
  }

  private static String errorMessage(@Nullable Failure error) {
    return error == null ? "the child run did not complete" : error.message();
  }

  /** The run is the trace (its id is 32 hex digits); each attempt is a span within it. */
  static String traceparent(Command.DispatchStep d) {
    String traceId = d.runId().replace("-", "");
    long span = ((long) (d.stepId() + ":" + d.attempt()).hashCode() << 16) | 1;
    return new Traceparent(traceId, String.format("%016x", span), true).header();
  }
}
