package io.ordo.worker;

import io.ordo.worker.protocol.ProtocolJson;
import io.ordo.worker.protocol.StepDispatch;
import io.ordo.worker.protocol.StepResult;
import io.ordo.worker.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the orchestrator's part in worker tests: publishes dispatches and collects every result.
 */
final class KafkaTestClients implements AutoCloseable {

  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> resultConsumer;
  private final ConcurrentLinkedQueue<ConsumerRecord<String, byte[]>> results =
      new ConcurrentLinkedQueue<>();
  private final Thread collector;
  private volatile boolean closed;

  KafkaTestClients(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrapServers, "linger.ms", 0),
            new StringSerializer(),
            new ByteArraySerializer());
    resultConsumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "group.id",
                "test-results-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    resultConsumer.subscribe(List.of(Topics.RESULTS));
    collector = Thread.ofPlatform().name("test-result-collector").start(this::collect);
  }

  void dispatch(StepDispatch dispatch) {
    send(dispatch.function(), dispatch.runId(), ProtocolJson.write(dispatch));
  }

  void send(String function, String key, byte[] value) {
    var record =
        new ProducerRecord<>(
            Topics.functionTopic(Topics.DEFAULT_FUNCTION_PREFIX, function), key, value);
    record
        .headers()
        .add(Topics.TRACEPARENT_HEADER, TRACEPARENT.getBytes(StandardCharsets.US_ASCII));
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  List<StepResult> resultsOf(String runId) {
    return recordsOf(runId).stream()
        .map(record -> ProtocolJson.read(record.value(), StepResult.class))
        .toList();
  }

  List<ConsumerRecord<String, byte[]>> recordsOf(String runId) {
    return results.stream().filter(record -> runId.equals(record.key())).toList();
  }

  private void collect() {
    try {
      while (!closed) {
        resultConsumer.poll(Duration.ofMillis(100)).forEach(results::add);
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      resultConsumer.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    resultConsumer.wakeup();
    collector.join();
    producer.close();
  }
}
