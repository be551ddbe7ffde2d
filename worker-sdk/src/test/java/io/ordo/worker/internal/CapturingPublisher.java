package io.ordo.worker.internal;

import io.ordo.worker.protocol.ProtocolJson;
import io.ordo.worker.protocol.StepResult;
import io.ordo.worker.protocol.Topics;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A {@link ResultPublisher} on Kafka's in-memory producer, for unit tests that only need to see
 * what was sent.
 */
final class CapturingPublisher {

  final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  final ResultPublisher publisher = new ResultPublisher(Topics.RESULTS, producer);

  List<StepResult> sent() {
    return producer.history().stream()
        .map(record -> ProtocolJson.read(record.value(), StepResult.class))
        .toList();
  }
}
