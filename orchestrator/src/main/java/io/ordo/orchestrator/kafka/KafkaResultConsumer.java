package io.ordo.orchestrator.kafka;

import io.ordo.orchestrator.service.ResultWatermark;
import io.ordo.orchestrator.service.TransitionQueue;
import io.ordo.orchestrator.service.Work;
import io.ordo.orchestrator.service.Work.Done;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of {@code ordo.results}: reads results, hands them to the transition queue and reads
 * on while they are written (a few polls may be in the queue at once), and commits a poll's offsets
 * once its results are committed in PostgreSQL. If the process dies in between, the redelivered
 * results are ignored by the engine as duplicates. Results that cannot be read or name no run are
 * dead-lettered. Also tells the watermark how far results are applied, and the relay which shards
 * are this instance's.
 */
final class KafkaResultConsumer {

  private static final Logger log = LoggerFactory.getLogger(KafkaResultConsumer.class);
  private static final int MAX_OUTSTANDING_POLLS = 4;

  /** Also how stale the watermark gets when nothing comes: timers fire at most about this late. */
  static final Duration IDLE_POLL = Duration.ofMillis(200);

  private static final Duration SETTLE_ON_REVOKE = Duration.ofSeconds(10);

  /**
   * A poll being written: its outcome, the offsets to commit then, and what it proves caught up.
   */
  private record Pending(
      CompletableFuture<?> written,
      Map<TopicPartition, OffsetAndMetadata> offsets,
      @Nullable Instant caughtUpAt) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TransitionQueue queue;
  private final ResultMessages messages;
  private final KafkaDeadLetters deadLetters;
  private final ShardOwnership shards;
  private final ResultWatermark.Mark mark;
  private final Clock clock;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private volatile boolean running = true;

  KafkaResultConsumer(
      KafkaConsumer<byte[], byte[]> consumer,
      String topic,
      TransitionQueue queue,
      ResultMessages messages,
      KafkaDeadLetters deadLetters,
      ShardOwnership shards,
      ResultWatermark.Mark mark,
      Clock clock) {
    this.consumer = consumer;
    this.queue = queue;
    this.messages = messages;
    this.deadLetters = deadLetters;
    this.shards = shards;
    this.mark = mark;
    this.clock = clock;
    consumer.subscribe(List.of(topic), new Rebalance());
  }

  /** Reads one poll and settles what finished; returns at once when nothing is waiting. */
  void pollOnce() {
    settle(false);
    boolean full = pending.size() >= MAX_OUTSTANDING_POLLS;
    if (full) {
      consumer.pause(consumer.assignment());
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
    Instant started = clock.instant();
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(pending.isEmpty() ? IDLE_POLL : Duration.ofMillis(2));
    } catch (WakeupException stopping) {
      return;
    }
    Instant caughtUp = !full && caughtUp() ? started : null;
    if (records.isEmpty()) {
      if (caughtUp != null && pending.isEmpty()) {
        mark.caughtUp(caughtUp);
      }
      return;
    }
    submit(records, caughtUp);
  }

  private void submit(ConsumerRecords<byte[], byte[]> records, @Nullable Instant caughtUp) {
    List<Work> work = new ArrayList<>(records.count());
    List<ConsumerRecord<byte[], byte[]>> sources = new ArrayList<>(records.count());
    List<CompletableFuture<Void>> parked = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      offsets.put(
          new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1));
      switch (messages.parse(record.value())) {
        case ResultMessages.Parsed.Event event -> {
          work.add(event.work());
          sources.add(record);
        }
        case ResultMessages.Parsed.Malformed malformed ->
            parked.add(deadLetters.park(record, malformed.reason()));
      }
    }
    CompletableFuture<Void> written =
        queue
            .submit(work)
            .thenCompose(
                done -> {
                  List<CompletableFuture<Void>> rejected = new ArrayList<>(parked);
                  for (int i = 0; i < done.size(); i++) {
                    if (done.get(i) instanceof Done.Rejected r) {
                      rejected.add(deadLetters.park(sources.get(i), r.reason()));
                    }
                  }
                  return CompletableFuture.allOf(rejected.toArray(CompletableFuture[]::new));
                });
    pending.addLast(new Pending(written, offsets, caughtUp));
  }

  /** Whether every partition this consumer holds has nothing left to read. */
  private boolean caughtUp() {
    if (consumer.assignment().isEmpty()) {
      return false;
    }
    for (TopicPartition partition : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(partition);
      if (lag.isEmpty() || lag.getAsLong() > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Commits the offsets of the polls written so far, in order, and moves the watermark. A poll that
   * failed (a dead letter that could not be sent) is read again from its first record.
   */
  private void settle(boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    while (!pending.isEmpty() && pending.peekFirst().written().isDone()) {
      Pending done = pending.pollFirst();
      if (done.written().isCompletedExceptionally()) {
        log.warn("results could not be settled; reading them again", failure(done));
        rewind();
        return;
      }
      commit.putAll(done.offsets());
      if (done.caughtUpAt() != null) {
        mark.caughtUp(done.caughtUpAt());
      }
    }
    if (commit.isEmpty()) {
      return;
    }
    if (sync) {
      consumer.commitSync(commit);
    } else {
      // A lost commit only redelivers results the engine then ignores as duplicates.
      consumer.commitAsync(commit, null);
    }
  }

  private static @Nullable Throwable failure(Pending pending) {
    try {
      pending.written().join();
      return null;
    } catch (RuntimeException e) {
      return e.getCause() == null ? e : e.getCause();
    }
  }

  /** Drops what is still pending and reads again from the last committed offsets. */
  private void rewind() {
    pending.clear();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
    committed.forEach(
        (partition, offset) -> {
          if (offset != null) {
            consumer.seek(partition, offset.offset());
          } else {
            consumer.seekToBeginning(List.of(partition));
          }
        });
  }

  /** Waits for what is pending (bounded) and commits it: before partitions go to someone else. */
  private void settleAll(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    for (Pending p : pending) {
      long left = deadline - System.nanoTime();
      try {
        p.written().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
      } catch (Exception notYet) {
        break;
      }
    }
    try {
      settle(true);
    } catch (RuntimeException e) {
      log.warn("could not commit result offsets; they will be read again", e);
    }
  }

  /** Makes a poll in progress return at once, so the loop can stop. */
  void wakeup() {
    running = false;
    consumer.wakeup();
  }

  /** Settles what it can and leaves the group, so others take the partitions at once. */
  void close() {
    try {
      settleAll(Duration.ofSeconds(5));
    } catch (WakeupException ignored) {
      // stopping anyway
    }
    consumer.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(5)));
  }

  boolean isRunning() {
    return running;
  }

  /** Called by the consumer inside poll, on this loop's thread. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        mark.unknown(); // nothing is known of new partitions until they are read up to date
        shards.assign(partitions.stream().map(TopicPartition::partition).toList());
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        settleAll(SETTLE_ON_REVOKE);
        pending.clear();
        shards.revoke(partitions.stream().map(TopicPartition::partition).toList());
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      pending.clear(); // someone else owns them already: committing would fail
      shards.revoke(partitions.stream().map(TopicPartition::partition).toList());
    }
  }
}
