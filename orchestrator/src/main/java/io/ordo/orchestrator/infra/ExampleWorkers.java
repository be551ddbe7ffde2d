package io.ordo.orchestrator.infra;

import io.ordo.examples.ExampleFunctions;
import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.kafka.KafkaEndpoint;
import io.ordo.orchestrator.service.FunctionTopics;
import io.ordo.orchestrator.service.InstanceIdentity;
import io.ordo.worker.OrdoWorker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs the example e-commerce workers in this process, so the one-command start shows a run. */
@Component
@ConditionalOnProperty(name = "ordo.examples.workers", havingValue = "true", matchIfMissing = true)
class ExampleWorkers implements SmartLifecycle {

  private final OrdoWorker worker;
  private final FunctionTopics topics;
  private volatile boolean running;

  ExampleWorkers(
      KafkaEndpoint endpoint,
      OrdoProperties properties,
      FunctionTopics topics,
      InstanceIdentity instance) {
    this.topics = topics;
    OrdoWorker.Builder builder =
        OrdoWorker.builder(endpoint.bootstrapServers())
            .topicPrefix(properties.kafka().functionTopicPrefix())
            .resultsTopic(properties.kafka().resultsTopic())
            .concurrency(properties.examples().workerConcurrency())
            // a restarted Ordo's workers take their partitions back at once
            .instanceId(instance.id() + "-examples")
            .kafkaProperty(
                "session.timeout.ms", (int) properties.kafka().sessionTimeout().toMillis());
    if (properties.examples().workerGroup() != null) {
      builder.consumerGroup(properties.examples().workerGroup());
    }
    ExampleFunctions.registerAll(builder);
    this.worker = builder.build();
  }

  @Override
  public void start() {
    // Subscribing to a topic that does not exist yet would have the broker make it, with its own
    // default partition count: Ordo makes the function topics first.
    topics.ensure(worker.functions());
    worker.start();
    running = true;
  }

  @Override
  public void stop() {
    worker.close();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
