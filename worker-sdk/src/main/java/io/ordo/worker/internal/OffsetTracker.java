package io.ordo.worker.internal;

import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of one assigned partition are done, so the consumer commits only past records whose
 * results Kafka has acknowledged. Handlers finish out of order; the committable offset is the first
 * one not done.
 *
 * <p>Only the poll thread touches it, except {@link #isRevoked()}, which handler threads read.
 */
final class OffsetTracker {

  private final TopicPartition partition;
  private final TreeSet<Long> notDone = new TreeSet<>();
  private long highestSeen = -1;
  private long lastCommitted = -1;
  private int unresolved;
  private volatile boolean revoked;

  OffsetTracker(TopicPartition partition) {
    this.partition = partition;
  }

  TopicPartition partition() {
    return partition;
  }

  /** A record was handed to a handler (or is about to be skipped). */
  void track(long offset) {
    notDone.add(offset);
    highestSeen = Math.max(highestSeen, offset);
    unresolved++;
  }

  /** The record's result was acknowledged, or it was skipped: it need never be seen again. */
  void done(long offset) {
    if (notDone.remove(offset)) {
      unresolved--;
    }
  }

  /**
   * The record was not handled (the worker is stopping): the commit must stop before it so it is
   * delivered again.
   */
  void abandon(long offset) {
    if (notDone.contains(offset)) {
      unresolved--;
    }
  }

  /**
   * True when no tracked record is still running or waiting for Kafka to acknowledge its result.
   */
  boolean isSettled() {
    return unresolved == 0;
  }

  /** The offset to commit (the next record to read), if it moved since the last commit. */
  OptionalLong advancedOffset() {
    OptionalLong offset = committableOffset();
    return offset.isPresent() && offset.getAsLong() != lastCommitted
        ? offset
        : OptionalLong.empty();
  }

  OptionalLong committableOffset() {
    if (highestSeen < 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(notDone.isEmpty() ? highestSeen + 1 : notDone.first());
  }

  void committed(long offset) {
    lastCommitted = offset;
  }

  void revoke() {
    revoked = true;
  }

  boolean isRevoked() {
    return revoked;
  }
}
