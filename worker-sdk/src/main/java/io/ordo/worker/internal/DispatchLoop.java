package io.ordo.worker.internal;

import io.ordo.worker.StepHandler;
import io.ordo.worker.protocol.StepDispatch;
import io.ordo.worker.protocol.Traceparent;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's loop: polls dispatches, hands them to the handler pool, commits offsets once their
 * results are acknowledged. The consumer is used from this loop's thread only, as Kafka requires.
 */
public final class DispatchLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);
  // Short while handlers run, so completions are applied and commits made promptly without waking
  // the consumer up from outside; longer with nothing in flight, when only a new record (which ends
  // the poll at once) or stopping can change anything: an idle worker polls twice a second.
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final Duration IDLE_POLL_TIMEOUT = Duration.ofMillis(500);
  private static final long COMMIT_INTERVAL_NANOS = Duration.ofMillis(100).toNanos();

  private final Consumer<String, byte[]> consumer;
  private final ConsumerGroupPlan plan;
  private final ExecutorService handlerPool;
  private final StepExecution execution;
  private final ResultPublisher publisher;
  private final int maxInFlight;
  private final Duration drainTimeout;
  private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
  private final PartitionOffsets offsets = new PartitionOffsets();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private int inFlight;
  private long lastCommitNanos = System.nanoTime();

  public DispatchLoop(
      Consumer<String, byte[]> consumer,
      ConsumerGroupPlan plan,
      ExecutorService handlerPool,
      StepExecution execution,
      ResultPublisher publisher,
      int maxInFlight,
      Duration drainTimeout) {
    this.consumer = consumer;
    this.plan = plan;
    this.handlerPool = handlerPool;
    this.execution = execution;
    this.publisher = publisher;
    this.maxInFlight = maxInFlight;
    this.drainTimeout = drainTimeout;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(plan.topics(), new Rebalance());
      while (!stopping) {
        pollOnce();
      }
      drain(drainTimeout);
    } catch (RuntimeException e) {
      log.error(
          "Consumer of group {} stopped; its functions {} get no more dispatches from this worker",
          plan.groupId(),
          plan.handlers().keySet(),
          e);
    } finally {
      closeConsumer();
      finished.countDown();
    }
  }

  /**
   * Stops taking dispatches; running handlers finish and their results are sent and committed
   * first.
   */
  public void stop() {
    stopping = true;
  }

  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pollOnce() {
    applyCompletions();
    boolean paused = applyBackpressure();
    if (paused) {
      // Nothing can be fetched: wait for a handler rather than in poll, so a free slot is used at
      // once.
      awaitCompletion(POLL_TIMEOUT);
      paused = applyBackpressure();
    }
    Duration timeout = paused ? Duration.ZERO : inFlight == 0 ? IDLE_POLL_TIMEOUT : POLL_TIMEOUT;
    for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
      accept(record);
    }
    commitIfDue();
  }

  private void accept(ConsumerRecord<String, byte[]> record) {
    OffsetTracker tracker =
        offsets.trackerFor(new TopicPartition(record.topic(), record.partition()));
    tracker.track(record.offset());
    StepDispatch dispatch = DispatchRecords.parse(record);
    StepHandler handler = dispatch == null ? null : handlerFor(dispatch, record);
    if (dispatch == null || handler == null) {
      tracker.done(record.offset()); // skipped: nothing will ever make it handleable
      return;
    }
    Traceparent trace = DispatchRecords.resultTrace(record);
    inFlight++;
    try {
      handlerPool.execute(() -> handle(dispatch, handler, trace, tracker, record.offset()));
    } catch (RejectedExecutionException e) {
      completions.add(new Completion(tracker, record.offset(), false));
    }
  }

  private @Nullable StepHandler handlerFor(
      StepDispatch dispatch, ConsumerRecord<String, byte[]> record) {
    StepHandler handler = plan.handlers().get(dispatch.function());
    if (handler == null) {
      try (StepMdc ignored = StepMdc.open(dispatch)) {
        log.warn(
            "Skipping a dispatch for function '{}', which this worker does not have (at {})",
            dispatch.function(),
            DispatchRecords.position(record));
      }
    }
    return handler;
  }

  /** Runs on a handler thread. */
  private void handle(
      StepDispatch dispatch,
      StepHandler handler,
      @Nullable Traceparent trace,
      OffsetTracker tracker,
      long offset) {
    if (stopping || tracker.isRevoked()) {
      completions.add(
          new Completion(tracker, offset, false)); // not started: another worker gets it
      return;
    }
    var result = execution.run(dispatch, handler, trace);
    publisher
        .publish(result, trace)
        .whenComplete(
            (ignored, error) -> completions.add(new Completion(tracker, offset, error == null)));
  }

  private void applyCompletions() {
    for (Completion completion = completions.poll();
        completion != null;
        completion = completions.poll()) {
      apply(completion);
    }
  }

  private void apply(Completion completion) {
    inFlight--;
    completion.applyTo();
  }

  private void awaitCompletion(Duration timeout) {
    try {
      Completion completion = completions.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (completion != null) {
        apply(completion);
        applyCompletions();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  /**
   * Bounds the records taken but not done, so other workers of the group can take the rest. Resumes
   * only at half the bound, so fetching resumes with room for a whole batch.
   *
   * @return whether fetching is paused
   */
  private boolean applyBackpressure() {
    if (inFlight >= maxInFlight) {
      consumer.pause(consumer.assignment());
      return true;
    }
    if (!consumer.paused().isEmpty() && inFlight <= maxInFlight / 2) {
      consumer.resume(consumer.paused());
    }
    return !consumer.paused().isEmpty();
  }

  /** Commits every 100 ms while handlers run, and at once when the last one finishes. */
  private void commitIfDue() {
    if (inFlight > 0 && System.nanoTime() - lastCommitNanos < COMMIT_INTERVAL_NANOS) {
      return;
    }
    lastCommitNanos = System.nanoTime();
    Map<TopicPartition, OffsetAndMetadata> advanced = PartitionOffsets.advanced(offsets.all());
    if (!advanced.isEmpty()) {
      consumer.commitAsync(
          advanced,
          (committed, error) -> {
            if (error != null) {
              log.warn("Commit of {} failed; a later commit covers it", committed, error);
            }
          });
    }
  }

  /**
   * Waits until the given partitions' handlers are done and their results acknowledged, then
   * commits them.
   */
  private void settleAndCommit(Collection<OffsetTracker> trackers, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!trackers.stream().allMatch(OffsetTracker::isSettled)
          && System.nanoTime() < deadline) {
        Completion completion =
            completions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (completion != null) {
          apply(completion);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    applyCompletions();
    commitNow(PartitionOffsets.committable(trackers));
  }

  private void drain(Duration timeout) {
    settleAndCommit(offsets.all(), timeout);
    if (inFlight > 0) {
      log.warn(
          "{} dispatches of group {} were still running after {}; they will be delivered again",
          inFlight,
          plan.groupId(),
          timeout);
    }
  }

  private void commitNow(Map<TopicPartition, OffsetAndMetadata> committable) {
    if (committable.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(committable);
    } catch (RuntimeException e) {
      log.warn("Commit of {} failed; those dispatches will be delivered again", committable, e);
    }
  }

  private void closeConsumer() {
    try {
      // Leave the group: a static member that stops on purpose hands its partitions over at once.
      consumer.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(Duration.ofSeconds(5)));
    } catch (InterruptException e) {
      log.debug("Interrupted while closing the consumer of group {}", plan.groupId(), e);
    } catch (RuntimeException e) {
      log.warn("Closing the consumer of group {} failed", plan.groupId(), e);
    }
  }

  /** Called by the consumer, inside poll, on this loop's thread. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      offsets.assign(partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Finish what was started on them and commit it, so their next owner does not run it again.
      List<OffsetTracker> revoked = offsets.revoke(partitions);
      settleAndCommit(revoked, stopping ? Duration.ZERO : drainTimeout);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      offsets.revoke(partitions); // someone else owns them already: committing would fail
    }
  }
}
