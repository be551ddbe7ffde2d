package io.ordo.orchestrator.kafka;

import io.ordo.orchestrator.OrdoProperties;
import io.ordo.worker.protocol.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.stereotype.Component;

/**
 * Creates Ordo's topics with enough partitions for several orchestrators and workers to share the
 * work; creating a topic that exists is a no-op.
 */
@Component
public class KafkaTopics implements AutoCloseable {

  private final Admin admin;
  private final OrdoProperties.Kafka settings;

  public KafkaTopics(KafkaEndpoint endpoint, OrdoProperties properties) {
    this.settings = properties.kafka();
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoint.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000));
    ensure(List.of(settings.resultsTopic(), settings.deadLetterTopic(), settings.runsTopic()));
  }

  public void ensureFunctionTopics(Set<String> functions) {
    List<String> names = new ArrayList<>();
    for (String function : functions) {
      names.add(Topics.functionTopic(settings.functionTopicPrefix(), function));
    }
    ensure(names);
  }

  private void ensure(Collection<String> names) {
    List<NewTopic> topics =
        names.stream()
            .map(name -> new NewTopic(name, settings.partitions(), settings.replicationFactor()))
            .toList();
    admin
        .createTopics(topics)
        .values()
        .forEach(
            (name, future) -> {
              try {
                future.get(30, TimeUnit.SECONDS);
              } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                  throw new IllegalStateException(
                      "cannot create Kafka topic " + name, e.getCause());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
              } catch (TimeoutException e) {
                throw new IllegalStateException(
                    "Kafka did not create topic " + name + " within 30 s", e);
              }
            });
  }

  @Override
  public void close() {
    admin.close();
  }
}
