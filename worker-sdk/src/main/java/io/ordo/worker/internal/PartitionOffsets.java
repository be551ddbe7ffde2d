package io.ordo.worker.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The offset trackers of the partitions a consumer owns right now; poll thread only. */
final class PartitionOffsets {

  private final Map<TopicPartition, OffsetTracker> trackers = new HashMap<>();

  void assign(Collection<TopicPartition> partitions) {
    partitions.forEach(partition -> trackers.put(partition, new OffsetTracker(partition)));
  }

  OffsetTracker trackerFor(TopicPartition partition) {
    return trackers.computeIfAbsent(partition, OffsetTracker::new);
  }

  /** Stops queued handlers of these partitions from starting, and hands back their trackers. */
  List<OffsetTracker> revoke(Collection<TopicPartition> partitions) {
    List<OffsetTracker> revoked = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      OffsetTracker tracker = trackers.remove(partition);
      if (tracker != null) {
        tracker.revoke();
        revoked.add(tracker);
      }
    }
    return revoked;
  }

  Collection<OffsetTracker> all() {
    return List.copyOf(trackers.values());
  }

  /** Offsets that moved since they were last committed. */
  static Map<TopicPartition, OffsetAndMetadata> advanced(Collection<OffsetTracker> trackers) {
    return collect(trackers, OffsetTracker::advancedOffset);
  }

  /** Every tracker's committable offset, moved or not: for the last, synchronous commit. */
  static Map<TopicPartition, OffsetAndMetadata> committable(Collection<OffsetTracker> trackers) {
    return collect(trackers, OffsetTracker::committableOffset);
  }

  private static Map<TopicPartition, OffsetAndMetadata> collect(
      Collection<OffsetTracker> trackers, Function<OffsetTracker, OptionalLong> offsetOf) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (OffsetTracker tracker : trackers) {
      OptionalLong offset = offsetOf.apply(tracker);
      if (offset.isPresent()) {
        offsets.put(tracker.partition(), new OffsetAndMetadata(offset.getAsLong()));
        tracker.committed(offset.getAsLong());
      }
    }
    return offsets;
  }
}
