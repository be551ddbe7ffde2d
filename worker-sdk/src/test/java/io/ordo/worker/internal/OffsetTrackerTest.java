package io.ordo.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  private final OffsetTracker tracker = new OffsetTracker(new TopicPartition("ordo.fn.x", 0));

  @Test
  void hasNothingToCommitBeforeItSawARecord() {
    assertThat(tracker.committableOffset()).isEmpty();
  }

  @Test
  void commitsOnlyUpToTheFirstRecordThatIsNotDone() {
    tracker.track(10);
    tracker.track(11);
    tracker.track(12);

    tracker.done(10);
    tracker.done(12);

    assertThat(tracker.committableOffset()).hasValue(11);
    assertThat(tracker.isSettled()).isFalse();
  }

  @Test
  void commitsPastTheLastRecordOnceAllAreDone() {
    tracker.track(10);
    tracker.track(11);

    tracker.done(11);
    tracker.done(10);

    assertThat(tracker.committableOffset()).hasValue(12);
    assertThat(tracker.isSettled()).isTrue();
  }

  @Test
  void neverCommitsPastAnAbandonedRecordSoItIsDeliveredAgain() {
    tracker.track(10);
    tracker.track(11);

    tracker.abandon(10);
    tracker.done(11);

    assertThat(tracker.committableOffset()).hasValue(10);
    assertThat(tracker.isSettled()).isTrue();
  }

  @Test
  void reportsAnOffsetAsAdvancedOnlyUntilItIsCommitted() {
    tracker.track(10);
    tracker.done(10);

    assertThat(tracker.advancedOffset()).hasValue(11);
    tracker.committed(11);

    assertThat(tracker.advancedOffset()).isEmpty();
  }
}
