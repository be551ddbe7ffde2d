package io.ordo.worker.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordo.worker.protocol.ProtocolJson;
import io.ordo.worker.protocol.StepDispatch;
import io.ordo.worker.protocol.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatchLoopTest {

  private static final TopicPartition PARTITION = new TopicPartition("ordo.fn.demo.echo", 0);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  private final ResultPublisher publisher = new ResultPublisher(Topics.RESULTS, producer);
  private final ExecutorService handlerPool = Executors.newFixedThreadPool(2);
  private final DispatchLoop loop =
      new DispatchLoop(
          consumer,
          new ConsumerGroupPlan(
              "ordo-worker-demo.echo", "ordo.fn.", Map.of("demo.echo", ctx -> ctx.input())),
          handlerPool,
          new StepExecution(
              "worker-1",
              Clock.systemUTC(),
              publisher,
              Executors.newSingleThreadScheduledExecutor(),
              Duration.ofSeconds(10)),
          publisher,
          4,
          Duration.ofSeconds(5));

  @AfterEach
  void stopLoop() throws InterruptedException {
    loop.stop();
    loop.awaitFinished(Duration.ofSeconds(10));
    handlerPool.shutdownNow();
  }

  @Test
  void commitsADispatchOnlyAfterKafkaAcknowledgedItsResult() {
    startWith(
        ProtocolJson.write(
            StepDispatch.of(
                "run-1",
                "echo",
                1,
                "demo.echo",
                ProtocolJson.mapper().createObjectNode(),
                Duration.ofSeconds(30))));
    await().until(() -> producer.history().size() == 1);

    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> committedOffset() == null || committedOffset() == 0);
    producer.completeNext();

    await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(1).equals(committedOffset()));
  }

  @Test
  void commitsPastAMalformedDispatchWithoutReportingAnything() {
    startWith("{\"runId\": \"run-1\"}".getBytes(UTF_8));

    await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(1).equals(committedOffset()));
    assertThat(producer.history()).isEmpty();
  }

  private void startWith(byte[] value) {
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(PARTITION));
          consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
          consumer.addRecord(
              new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), 0L, "run-1", value));
        });
    Thread.ofPlatform().name("test-dispatch-loop").start(loop);
  }

  private Long committedOffset() {
    OffsetAndMetadata committed = consumer.committed(Set.of(PARTITION)).get(PARTITION);
    return committed == null ? null : committed.offset();
  }
}
