package io.ordo.worker.internal;

import io.ordo.worker.protocol.ProtocolJson;
import io.ordo.worker.protocol.StepError;
import io.ordo.worker.protocol.StepResult;
import io.ordo.worker.protocol.Topics;
import io.ordo.worker.protocol.Traceparent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes results to the results topic ({@link Topics#RESULTS} unless configured), keyed by run
 * id, and reports when Kafka has acknowledged each one.
 *
 * <p>A result that Kafka could not take within the producer's delivery timeout is sent again rather
 * than given up: the handler's work is done, and giving up would leave its record uncommitted, to
 * be run once more.
 */
public final class ResultPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ResultPublisher.class);
  private static final Duration RESEND_DELAY = Duration.ofSeconds(1);
  private static final String TOO_LARGE = "ResultTooLarge";

  private final String topic;
  private final Producer<String, byte[]> producer;
  private final ScheduledExecutorService resender;
  private volatile boolean closed;

  public ResultPublisher(String topic, Producer<String, byte[]> producer) {
    this.topic = topic;
    this.producer = producer;
    // Sending is never done on the producer's own callback thread: a full buffer would block it.
    this.resender =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ordo-worker-resend").daemon().factory());
  }

  /** Completes when Kafka acknowledged the result; completes exceptionally if it never will. */
  public CompletableFuture<Void> publish(StepResult result, @Nullable Traceparent trace) {
    CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    send(result, trace, acknowledged);
    return acknowledged;
  }

  /** Heartbeats are best effort: a lost one is followed by the next, or by the result. */
  public void heartbeat(StepResult heartbeat, @Nullable Traceparent trace) {
    try {
      producer.send(
          record(heartbeat, trace),
          (metadata, error) -> {
            if (error != null) {
              log.debug(
                  "Heartbeat of {}/{} was not sent", heartbeat.runId(), heartbeat.stepId(), error);
            }
          });
    } catch (RuntimeException e) {
      log.debug("Heartbeat of {}/{} was not sent", heartbeat.runId(), heartbeat.stepId(), e);
    }
  }

  private void send(
      StepResult result, @Nullable Traceparent trace, CompletableFuture<Void> acknowledged) {
    try {
      producer.send(
          record(result, trace),
          (metadata, error) -> {
            if (error == null) {
              acknowledged.complete(null);
            } else {
              onFailure(result, trace, acknowledged, error);
            }
          });
    } catch (RuntimeException e) {
      acknowledged.completeExceptionally(e);
    }
  }

  private void onFailure(
      StepResult result,
      @Nullable Traceparent trace,
      CompletableFuture<Void> acknowledged,
      Exception error) {
    if (error instanceof RecordTooLargeException && !isTooLargeFailure(result)) {
      log.warn(
          "Result of {}/{} is larger than Kafka accepts; failing the step instead",
          result.runId(),
          result.stepId());
      resender.execute(() -> send(tooLarge(result), trace, acknowledged));
    } else if (error instanceof RetriableException && !closed) {
      log.warn(
          "Result of {}/{} not acknowledged yet ({}); sending it again",
          result.runId(),
          result.stepId(),
          error.toString());
      resender.schedule(
          () -> send(result, trace, acknowledged), RESEND_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      log.error("Result of {}/{} could not be published", result.runId(), result.stepId(), error);
      acknowledged.completeExceptionally(error);
    }
  }

  private static boolean isTooLargeFailure(StepResult result) {
    return result.error() != null && result.error().type().equals(TOO_LARGE);
  }

  private static StepResult tooLarge(StepResult result) {
    StepError error =
        new StepError(
            TOO_LARGE,
            "the step's result is larger than the Kafka producer or broker accepts (max.request.size,"
                + " message.max.bytes)",
            false);
    return new StepResult(
        result.runId(),
        result.stepId(),
        result.attempt(),
        StepResult.Status.FAILED,
        null,
        error,
        result.workerId(),
        result.startedAt(),
        result.finishedAt());
  }

  private ProducerRecord<String, byte[]> record(StepResult result, @Nullable Traceparent trace) {
    var record = new ProducerRecord<>(topic, result.runId(), ProtocolJson.write(result));
    if (trace != null) {
      record
          .headers()
          .add(Topics.TRACEPARENT_HEADER, trace.header().getBytes(StandardCharsets.US_ASCII));
    }
    return record;
  }

  /** Waits up to {@code timeout} for results still in the producer's buffer to be sent. */
  public void close(Duration timeout) {
    closed = true;
    resender.shutdownNow();
    producer.close(timeout);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
