package io.ordo.worker.internal;

import io.ordo.worker.protocol.MalformedMessageException;
import io.ordo.worker.protocol.ProtocolJson;
import io.ordo.worker.protocol.StepDispatch;
import io.ordo.worker.protocol.Topics;
import io.ordo.worker.protocol.Traceparent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads what a worker needs from a record of a function topic. */
final class DispatchRecords {

  private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

  private DispatchRecords() {}

  /**
   * The dispatch, or null (logged) when the record holds none: such a record is skipped, never
   * retried.
   */
  static @Nullable StepDispatch parse(ConsumerRecord<String, byte[]> record) {
    try {
      return ProtocolJson.read(
          record.value() == null ? new byte[0] : record.value(), StepDispatch.class);
    } catch (MalformedMessageException e) {
      log.warn("Skipping a malformed dispatch at {}: {}", position(record), e.getMessage());
      return null;
    }
  }

  /**
   * The trace to put on the result: the dispatch's trace, with a new span for this worker's part.
   */
  static @Nullable Traceparent resultTrace(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(Topics.TRACEPARENT_HEADER);
    if (header == null || header.value() == null) {
      return null;
    }
    return Traceparent.parse(new String(header.value(), StandardCharsets.US_ASCII))
        .map(parent -> parent.child(ThreadLocalRandom.current()))
        .orElse(null);
  }

  static String position(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
