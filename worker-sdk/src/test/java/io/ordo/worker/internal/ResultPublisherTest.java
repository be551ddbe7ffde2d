package io.ordo.worker.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordo.worker.protocol.ProtocolJson;
import io.ordo.worker.protocol.StepDispatch;
import io.ordo.worker.protocol.StepResult;
import io.ordo.worker.protocol.Topics;
import io.ordo.worker.protocol.Traceparent;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.NullNode;

class ResultPublisherTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final StepDispatch DISPATCH =
      StepDispatch.of(
          "run-1",
          "charge",
          1,
          "payments.validate",
          NullNode.getInstance(),
          Duration.ofSeconds(30));
  private static final StepResult RESULT =
      StepResult.completed(DISPATCH, NullNode.getInstance(), "worker-1", NOW, NOW);
  private static final Traceparent TRACE =
      Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();

  @Test
  void publishesToTheResultsTopicKeyedByRunIdWithTheTraceparent() {
    CapturingPublisher capture = new CapturingPublisher();

    CompletableFuture<Void> acknowledged = capture.publisher.publish(RESULT, TRACE);

    ProducerRecord<String, byte[]> record = capture.producer.history().getFirst();
    assertThat(acknowledged).isCompleted();
    assertThat(record.topic()).isEqualTo(Topics.RESULTS);
    assertThat(record.key()).isEqualTo("run-1");
    assertThat(new String(record.headers().lastHeader("traceparent").value(), US_ASCII))
        .isEqualTo(TRACE.header());
  }

  @Test
  void failsTheStepWhenItsResultIsTooLargeForKafka() {
    var producer =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    var publisher = new ResultPublisher(Topics.RESULTS, producer);

    CompletableFuture<Void> acknowledged = publisher.publish(RESULT, null);
    producer.errorNext(new RecordTooLargeException("too big"));

    await().until(() -> producer.history().size() == 2);
    producer.completeNext();
    StepResult replacement =
        ProtocolJson.read(producer.history().getLast().value(), StepResult.class);
    assertThat(replacement.status()).isEqualTo(StepResult.Status.FAILED);
    assertThat(replacement.error().type()).isEqualTo("ResultTooLarge");
    assertThat(replacement.error().retryable()).isFalse();
    assertThat(acknowledged).isCompleted();
  }
}
