package io.ordo.orchestrator.engine;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One try of a step: what was sent, what came back, who ran it and when.
 *
 * @param deadline when the attempt times out if nothing is heard: while {@code SCHEDULED} the end
 *     of its start timeout (null: it waits for a worker as long as it takes), once {@code RUNNING}
 *     its start-to-close deadline, moved by heartbeats; a child run's limit from its start
 */
public record Attempt(
    int number,
    AttemptStatus status,
    JsonNode input,
    @Nullable JsonNode output,
    @Nullable Failure error,
    @Nullable String workerId,
    Instant scheduledAt,
    @Nullable Instant deadline,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt) {

  static Attempt scheduled(int number, JsonNode input, Instant now, @Nullable Instant deadline) {
    return new Attempt(
        number, AttemptStatus.SCHEDULED, input, null, null, null, now, deadline, null, null);
  }

  Attempt running(@Nullable String worker, Instant at, @Nullable Instant newDeadline) {
    return new Attempt(
        number,
        status.to(AttemptStatus.RUNNING),
        input,
        null,
        null,
        worker,
        scheduledAt,
        newDeadline,
        startedAt == null ? at : startedAt,
        null);
  }

  Attempt completed(JsonNode result, Report report) {
    return new Attempt(
        number,
        status.to(AttemptStatus.COMPLETED),
        input,
        result,
        null,
        report.workerId(),
        scheduledAt,
        deadline,
        report.startedAt(),
        report.finishedAt());
  }

  Attempt ended(AttemptStatus end, Failure failure, Report report) {
    return new Attempt(
        number,
        status.to(end),
        input,
        null,
        failure,
        report.workerId() == null ? workerId : report.workerId(),
        scheduledAt,
        deadline,
        report.startedAt() == null ? startedAt : report.startedAt(),
        report.finishedAt());
  }

  /** Who reported an attempt's end, and the times they gave. */
  public record Report(
      @Nullable String workerId, @Nullable Instant startedAt, Instant finishedAt) {}
}
