package io.ordo.worker;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordo.embedded.EmbeddedKafkaServer;
import io.ordo.worker.protocol.ProtocolJson;
import io.ordo.worker.protocol.StepDispatch;
import io.ordo.worker.protocol.StepError;
import io.ordo.worker.protocol.StepResult;
import io.ordo.worker.protocol.StepResult.Status;
import io.ordo.worker.protocol.Traceparent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OrdoWorkerIT {

  @TempDir static Path kafkaLogs;

  static EmbeddedKafkaServer kafka;
  static KafkaTestClients orchestrator;

  OrdoWorker worker;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafkaServer.start(kafkaLogs, 0);
    orchestrator = new KafkaTestClients(kafka.bootstrapServers());
  }

  @AfterAll
  static void stopKafka() throws InterruptedException {
    orchestrator.close();
    kafka.close();
  }

  @AfterEach
  void closeWorker() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void completesAStepAndReportsItsOutputWorkerAndTimes() {
    Instant before = Instant.now();
    worker = start(builder().handler("it.echo", ctx -> object("echoed", ctx.input())));
    StepDispatch dispatch = dispatch("it.echo", object("amount", 42));

    StepResult result = awaitResult(dispatch.runId(), Status.COMPLETED);

    assertThat(result.attempt()).isEqualTo(1);
    assertThat(result.stepId()).isEqualTo(dispatch.stepId());
    assertThat(result.output()).isEqualTo(object("echoed", object("amount", 42)));
    assertThat(result.workerId()).isEqualTo("it-worker");
    assertThat(result.startedAt()).isAfterOrEqualTo(before.minusSeconds(1));
    assertThat(result.finishedAt()).isAfterOrEqualTo(result.startedAt());
  }

  @Test
  void continuesTheDispatchesTraceInTheResult() {
    worker = start(builder().handler("it.traced", ctx -> ctx.input()));
    StepDispatch dispatch = dispatch("it.traced", object("a", 1));

    awaitResult(dispatch.runId(), Status.COMPLETED);

    var header =
        orchestrator.recordsOf(dispatch.runId()).getFirst().headers().lastHeader("traceparent");
    Traceparent trace = Traceparent.parse(new String(header.value(), US_ASCII)).orElseThrow();
    assertThat(trace.traceId())
        .isEqualTo(Traceparent.parse(KafkaTestClients.TRACEPARENT).orElseThrow().traceId());
  }

  @Test
  void reportsANonRetryableStepFailureWithItsType() {
    worker =
        start(
            builder()
                .handler(
                    "it.declines",
                    ctx -> {
                      throw StepFailure.nonRetryable("CardDeclined", "amount over the limit");
                    }));
    StepDispatch dispatch = dispatch("it.declines", object("amount", 20_000));

    StepResult result = awaitResult(dispatch.runId(), Status.FAILED);

    assertThat(result.error())
        .isEqualTo(new StepError("CardDeclined", "amount over the limit", false));
  }

  @Test
  void reportsAThrownExceptionAsARetryableFailure() {
    worker =
        start(
            builder()
                .handler(
                    "it.throws",
                    ctx -> {
                      throw new IllegalStateException("mail server down");
                    }));
    StepDispatch dispatch = dispatch("it.throws", object("to", "a@example.com"));

    StepResult result = awaitResult(dispatch.runId(), Status.FAILED);

    assertThat(result.error())
        .isEqualTo(new StepError("IllegalStateException", "mail server down", true));
  }

  @Test
  void sendsAHeartbeatWhileTheStepRuns() {
    worker =
        start(
            builder()
                .handler(
                    "it.heartbeats",
                    ctx -> {
                      ctx.heartbeat();
                      return ctx.input();
                    }));
    StepDispatch dispatch = dispatch("it.heartbeats", object("a", 1));

    awaitResult(dispatch.runId(), Status.COMPLETED);

    assertThat(orchestrator.resultsOf(dispatch.runId()))
        .extracting(StepResult::status)
        .containsExactly(Status.HEARTBEAT, Status.COMPLETED);
  }

  @Test
  void runsNoMoreHandlersAtOnceThanItsConcurrency() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    worker =
        start(
            builder()
                .concurrency(2)
                .handler(
                    "it.blocks",
                    ctx -> {
                      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                      release.await();
                      running.decrementAndGet();
                      return ctx.input();
                    }));
    var dispatches =
        IntStream.range(0, 6).mapToObj(i -> dispatch("it.blocks", object("i", i))).toList();

    await().atMost(Duration.ofSeconds(20)).until(() -> running.get() == 2);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> running.get() == 2);
    release.countDown();

    dispatches.forEach(dispatch -> awaitResult(dispatch.runId(), Status.COMPLETED));
    assertThat(mostAtOnce).hasValue(2);
  }

  @Test
  void letsARunningHandlerFinishOnCloseAndCommitsItsDispatch() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    worker =
        start(
            builder()
                .handler(
                    "it.slow",
                    ctx -> {
                      started.countDown();
                      release.await();
                      return object("done", true);
                    }));
    StepDispatch dispatch = dispatch("it.slow", object("a", 1));
    started.await();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(worker::close);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !closing.isDone());
    release.countDown();
    closing.get();

    awaitResult(dispatch.runId(), Status.COMPLETED);
    assertThat(committedOffsets("ordo-worker-it.slow")).isEqualTo(1);
  }

  @Test
  void skipsMalformedAndUnknownDispatchesAndCommitsPastThem() throws Exception {
    worker = start(builder().handler("it.robust", ctx -> ctx.input()));
    String runId = "run-" + UUID.randomUUID();
    orchestrator.send("it.robust", runId, "{not json".getBytes(StandardCharsets.UTF_8));
    orchestrator.send(
        "it.robust",
        runId,
        ProtocolJson.write(
            StepDispatch.of(
                runId, "other", 1, "it.unknown", object("a", 1), Duration.ofSeconds(30))));
    orchestrator.dispatch(
        StepDispatch.of(runId, "good", 1, "it.robust", object("a", 1), Duration.ofSeconds(30)));

    StepResult result = awaitResult(runId, Status.COMPLETED);

    assertThat(result.stepId()).isEqualTo("good");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> committedOffsets("ordo-worker-it.robust") == 3);
  }

  @Test
  void canShareOneConsumerGroupAcrossItsFunctions() {
    worker =
        start(
            builder()
                .consumerGroup("it-shared")
                .handler("it.first", ctx -> object("from", "first"))
                .handler("it.second", ctx -> object("from", "second")));
    StepDispatch first = dispatch("it.first", object("a", 1));
    StepDispatch second = dispatch("it.second", object("a", 1));

    assertThat(awaitResult(first.runId(), Status.COMPLETED).output())
        .isEqualTo(object("from", "first"));
    assertThat(awaitResult(second.runId(), Status.COMPLETED).output())
        .isEqualTo(object("from", "second"));
  }

  private static OrdoWorker.Builder builder() {
    return OrdoWorker.builder(kafka.bootstrapServers())
        .workerId("it-worker")
        .shutdownTimeout(Duration.ofSeconds(10));
  }

  private static OrdoWorker start(OrdoWorker.Builder builder) {
    OrdoWorker worker = builder.build();
    worker.start();
    return worker;
  }

  private static StepDispatch dispatch(String function, JsonNode input) {
    StepDispatch dispatch =
        StepDispatch.of(
            "run-" + UUID.randomUUID(), "step", 1, function, input, Duration.ofSeconds(30));
    orchestrator.dispatch(dispatch);
    return dispatch;
  }

  private static StepResult awaitResult(String runId, Status status) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                orchestrator.resultsOf(runId).stream()
                    .filter(result -> result.status() == status)
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static long committedOffsets(String group) throws Exception {
    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get()
          .values()
          .stream()
          .mapToLong(OffsetAndMetadata::offset)
          .sum();
    }
  }

  private static ObjectNode object(String field, Object value) {
    ObjectNode node = ProtocolJson.mapper().createObjectNode();
    return node.set(field, ProtocolJson.mapper().valueToTree(value));
  }
}
