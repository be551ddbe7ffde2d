package io.ordo.orchestrator.store;

import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.engine.Command;
import io.ordo.worker.protocol.ProtocolJson;
import io.ordo.worker.protocol.StepDispatch;
import io.ordo.worker.protocol.Topics;
import io.ordo.worker.protocol.Traceparent;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Turns commands into outbox rows: topic, key, JSON payload and a W3C traceparent. */
@Component
public class OutboxMessages {

  private final OrdoProperties.Kafka kafka;

  public OutboxMessages(OrdoProperties properties) {
    this.kafka = properties.kafka();
  }

  Object[] dispatch(Command.DispatchStep d, Timestamp at) {
    StepDispatch message =
        new StepDispatch(
            d.runId(),
            d.stepId(),
            d.attempt(),
            d.function(),
            d.input(),
            d.deadline(),
            d.idempotencyKey());
    String topic = Topics.functionTopic(kafka.functionTopicPrefix(), d.function());
    return new Object[] {topic, d.runId(), ProtocolJson.write(message), traceparent(d), at};
  }

  Object[] runEnded(Command.PublishRunEnded e, Timestamp at) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("runId", e.runId());
    message.put("workflow", e.workflow());
    message.put("status", e.status().name());
    message.put("output", e.output());
    message.put("error", e.error());
    return new Object[] {kafka.runsTopic(), e.runId(), ProtocolJson.write(message), null, at};
  }

  /** The run is the trace (its id is 32 hex digits); each attempt is a span within it. */
  static String traceparent(Command.DispatchStep d) {
    String traceId = d.runId().replace("-", "");
    long span = ((long) (d.stepId() + ":" + d.attempt()).hashCode() << 16) | 1;
    return new Traceparent(traceId, String.format("%016x", span), true).header();
  }
}
