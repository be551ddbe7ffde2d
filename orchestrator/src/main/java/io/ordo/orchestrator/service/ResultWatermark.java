package io.ordo.orchestrator.service;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * How far results have been applied: every result sent to Kafka before this instant has been
 * applied, by this instance's result consumers for their partitions ({@link #local}) and by the
 * other orchestrators for theirs ({@link #others}). Timers fire only up to it, so an attempt never
 * times out while its result waits unread in Kafka — after a restart, during a broker outage, or
 * under lag.
 */
@Component
public class ResultWatermark {

  /** One consumer's mark: all its partitions were caught up as of {@code at}. */
  public static final class Mark {
    private volatile @Nullable Instant at;

    /** Everything in the consumer's partitions that was sent before {@code when} is applied. */
    public void caughtUp(Instant when) {
      Instant current = at;
      if (current == null || when.isAfter(current)) {
        at = when;
      }
    }

    /** The consumer gained partitions: nothing is known of them until it catches up. */
    public void unknown() {
      at = null;
    }
  }

  private final List<Mark> marks = new CopyOnWriteArrayList<>();
  private volatile @Nullable Instant others;
  private volatile boolean othersKnown;

  public Mark register() {
    Mark mark = new Mark();
    marks.add(mark);
    return mark;
  }

  public void unregister(Mark mark) {
    marks.remove(mark);
  }

  /** The lowest mark of the other orchestrators (null when there are none). */
  public void others(@Nullable Instant lowest) {
    others = lowest;
    othersKnown = true;
  }

  /** The earliest mark of this instance's consumers; null while any of them has not caught up. */
  public @Nullable Instant local() {
    if (marks.isEmpty()) {
      return null;
    }
    Instant lowest = null;
    for (Mark mark : marks) {
      Instant at = mark.at;
      if (at == null) {
        return null;
      }
      lowest = lowest == null || at.isBefore(lowest) ? at : lowest;
    }
    return lowest;
  }

  /**
   * Up to when timers may fire at {@code now}: the earliest of now and every orchestrator's mark;
   * null until this instance has caught up once and heard of the others.
   */
  public @Nullable Instant dueUpTo(Instant now) {
    Instant mine = local();
    if (mine == null || !othersKnown) {
      return null;
    }
    Instant bound = mine.isBefore(now) ? mine : now;
    Instant theirs = others;
    return theirs != null && theirs.isBefore(bound) ? theirs : bound;
  }
}
