package io.ordo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaServerIT {

  @TempDir Path logDirectory;

  @Test
  void createsTopicsOnFirstUseWithEightPartitions() throws Exception {
    try (var kafka = EmbeddedKafkaServer.start(logDirectory, 0)) {
      produce(kafka, "auto-created", "hello");

      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        var topic =
            admin.describeTopics(Set.of("auto-created")).allTopicNames().get().get("auto-created");
        assertThat(topic.partitions()).hasSize(8);
      }
      assertThat(consumeAll(kafka, "auto-created", 1)).containsExactly("hello");
    }
  }

  @Test
  void keepsMessagesAcrossARestartOnAnotherPort() throws Exception {
    int firstPort;
    try (var kafka = EmbeddedKafkaServer.start(logDirectory, 0)) {
      firstPort = kafka.port();
      produce(kafka, "kept", "before restart");
    }

    try (var kafka = EmbeddedKafkaServer.start(logDirectory, FreePort.pick())) {
      assertThat(kafka.port()).isNotEqualTo(firstPort);
      assertThat(consumeAll(kafka, "kept", 1)).containsExactly("before restart");
    }
  }

  @Test
  void takesOverTheDirectoryOfABrokerThatWasNeverClosed() throws Exception {
    var forgotten = EmbeddedKafkaServer.start(logDirectory, 0);
    produce(forgotten, "kept", "before takeover");

    try (var kafka = EmbeddedKafkaServer.start(logDirectory, 0)) {
      assertThat(consumeAll(kafka, "kept", 1)).containsExactly("before takeover");
    }
  }

  @Test
  void recoversTheLogsOfABrokerWhoseJvmWasKilled() throws Exception {
    ChildJvm child = ChildJvm.startServer("kafka", logDirectory);
    child.kill();

    try (var kafka = EmbeddedKafkaServer.start(logDirectory, 0)) {
      assertThat(consumeAll(kafka, ServerThatGetsKilled.TOPIC, 1))
          .containsExactly(ServerThatGetsKilled.TABLE_ROW);
    }
  }

  private static void produce(EmbeddedKafkaServer kafka, String topic, String value)
      throws Exception {
    Map<String, Object> config =
        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all");
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "key", value)).get();
    }
  }

  private static List<String> consumeAll(EmbeddedKafkaServer kafka, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers",
            kafka.bootstrapServers(),
            "group.id",
            "test-" + topic,
            "auto.offset.reset",
            "earliest");
    List<String> values = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  values.add(record.value());
                }
                return values.size() >= expected;
              });
    }
    return values;
  }
}
