package io.ordo.orchestrator.kafka;

import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.service.FunctionTopics;
import io.ordo.orchestrator.store.Shards;
import io.ordo.worker.protocol.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates Ordo's topics, before anything produces to or subscribes to them, with enough partitions
 * for several orchestrators and workers to share the work; a topic that exists is checked, and one
 * with fewer partitions than configured (a broker auto-created it on a worker's subscribe) is
 * reported. The results topic's partitions are the outbox's shards.
 */
@Component
public class KafkaTopics implements FunctionTopics, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

  private final Admin admin;
  private final OrdoProperties.Kafka settings;

  public KafkaTopics(KafkaEndpoint endpoint, OrdoProperties properties, Shards shards) {
    this.settings = properties.kafka();
    Map<String, Object> config = new HashMap<>(endpoint.clientProperties());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    this.admin = Admin.create(config);
    Map<String, Integer> partitions =
        ensure(List.of(settings.resultsTopic(), settings.deadLetterTopic(), settings.runsTopic()));
    shards.resize(partitions.get(settings.resultsTopic()));
  }

  @Override
  public void ensure(Set<String> functions) {
    List<String> names = new ArrayList<>();
    for (String function : functions) {
      names.add(Topics.functionTopic(settings.functionTopicPrefix(), function));
    }
    ensure(names);
  }

  /** Creates what is missing and returns every topic's partition count. */
  private Map<String, Integer> ensure(Collection<String> names) {
    List<NewTopic> topics =
        names.stream()
            .map(name -> new NewTopic(name, settings.partitions(), settings.replicationFactor()))
            .toList();
    CreateTopicsResult created = admin.createTopics(topics);
    Map<String, Integer> partitions = new HashMap<>();
    List<String> existing = new ArrayList<>();
    created
        .values()
        .forEach(
            (name, future) -> {
              try {
                future.get(30, TimeUnit.SECONDS);
                partitions.put(name, created.numPartitions(name).get(30, TimeUnit.SECONDS));
              } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                  throw new IllegalStateException(
                      "cannot create Kafka topic " + name, e.getCause());
                }
                existing.add(name);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
              } catch (TimeoutException e) {
                throw new IllegalStateException(
                    "Kafka did not create topic " + name + " within 30 s", e);
              }
            });
    if (!existing.isEmpty()) {
      describe(existing).forEach((name, d) -> partitions.put(name, d.partitions().size()));
    }
    partitions.forEach(this::warnIfFewerThanConfigured);
    return partitions;
  }

  private void warnIfFewerThanConfigured(String name, int count) {
    if (count < settings.partitions()) {
      log.warn(
          "Kafka topic {} has {} partition(s), fewer than the {} Ordo creates"
              + " (ordo.kafka.partitions): at most {} consumer(s) share its work. Was it"
              + " created automatically, by a worker subscribing before Ordo made it?"
              + " Add partitions with kafka-topics --alter --partitions {}.",
          name,
          count,
          settings.partitions(),
          count,
          settings.partitions());
    }
  }

  /**
   * Describes topics that exist. A topic another client is still creating exists (its creation was
   * refused) but is not described yet for a moment: that is waited out, for up to ten seconds.
   */
  private Map<String, TopicDescription> describe(Collection<String> names) {
    for (int tries = 0; ; tries++) {
      try {
        return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while describing topics", e);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || tries == 50) {
          throw new IllegalStateException("cannot describe Kafka topics " + names, e);
        }
        pause();
      } catch (TimeoutException e) {
        throw new IllegalStateException("cannot describe Kafka topics " + names, e);
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topics", e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
