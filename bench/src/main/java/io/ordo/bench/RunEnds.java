package io.ordo.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The ends of runs as a client sees them: the terminal messages Ordo publishes on {@code
 * ordo.runs}, read from the moment this is created. A run's end may arrive before the client that
 * started it asks for it; both orders meet in one map.
 */
final class RunEnds implements AutoCloseable {

  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

  private final Map<String, CompletableFuture<String>> ends = new ConcurrentHashMap<>();
  private final AtomicBoolean reading = new AtomicBoolean(true);
  private final KafkaConsumer<String, String> consumer;
  private final Thread reader;

  RunEnds(String bootstrapServers) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-run-ends-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor("ordo.runs").stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end now, before any run is started
    reader = Thread.ofPlatform().name("run-ends").daemon().start(this::read);
  }

  /** Completes with the run's terminal status when its end has been published. */
  CompletableFuture<String> of(String runId) {
    return ends.computeIfAbsent(runId, id -> new CompletableFuture<>());
  }

  /** Forgets a run whose end was seen, so a long benchmark does not keep every run. */
  void forget(String runId) {
    ends.remove(runId);
  }

  private void read() {
    while (reading.get()) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
        Matcher status = STATUS.matcher(record.value());
        if (status.find()) {
          of(record.key()).complete(status.group(1));
        }
      }
    }
    consumer.close();
  }

  @Override
  public void close() throws InterruptedException {
    reading.set(false);
    reader.join();
  }
}
