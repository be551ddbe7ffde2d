package io.ordo.worker.internal;

import io.ordo.worker.StepHandler;
import io.ordo.worker.protocol.Topics;
import java.util.List;
import java.util.Map;

/** One consumer group of a worker: its id and the functions whose topics it consumes. */
public record ConsumerGroupPlan(
    String groupId, String topicPrefix, Map<String, StepHandler> handlers) {

  public ConsumerGroupPlan {
    handlers = Map.copyOf(handlers);
  }

  public List<String> topics() {
    return handlers.keySet().stream()
        .sorted()
        .map(function -> Topics.functionTopic(topicPrefix, function))
        .toList();
  }
}
