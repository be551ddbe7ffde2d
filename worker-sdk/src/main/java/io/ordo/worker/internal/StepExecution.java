package io.ordo.worker.internal;

import io.ordo.worker.StepFailure;
import io.ordo.worker.StepHandler;
import io.ordo.worker.protocol.StepDispatch;
import io.ordo.worker.protocol.StepError;
import io.ordo.worker.protocol.StepResult;
import io.ordo.worker.protocol.Traceparent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Runs one handler on one dispatch and turns whatever happens into the result to report. A handler
 * still busy after {@code startNoticeAfter} makes the attempt send its first heartbeat, which
 * starts its timeout at the orchestrator; quick handlers send only their result. A dispatch whose
 * deadline (its start timeout) has passed is not run: the orchestrator has given up on it, and the
 * result says so ({@value #DEADLINE_EXCEEDED}).
 */
public final class StepExecution {

  private static final Logger log = LoggerFactory.getLogger(StepExecution.class);

  /** The error type of a result for a dispatch that arrived after its deadline. */
  public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

  private final String workerId;
  private final Clock clock;
  private final ResultPublisher publisher;
  private final ScheduledExecutorService notices;
  private final Duration startNoticeAfter;

  public StepExecution(
      String workerId,
      Clock clock,
      ResultPublisher publisher,
      ScheduledExecutorService notices,
      Duration startNoticeAfter) {
    this.workerId = workerId;
    this.clock = clock;
    this.publisher = publisher;
    this.notices = notices;
    this.startNoticeAfter = startNoticeAfter;
  }

  /** Never throws: every outcome of the handler is a result. */
  public StepResult run(StepDispatch dispatch, StepHandler handler, @Nullable Traceparent trace) {
    Instant startedAt = clock.instant();
    if (dispatch.isExpiredAt(startedAt)) {
      try (StepMdc ignored = StepMdc.open(dispatch)) {
        log.info("Skipping a dispatch that arrived after its deadline {}", dispatch.deadline());
      }
      return StepResult.failed(
          dispatch,
          new StepError(
              DEADLINE_EXCEEDED,
              "not run: it arrived at "
                  + startedAt
                  + ", after its deadline "
                  + dispatch.deadline()
                  + ", when the orchestrator had given up on it",
              true),
          workerId,
          startedAt,
          startedAt);
    }
    StepResult started = StepResult.heartbeat(dispatch, workerId, startedAt);
    RunningStep context =
        new RunningStep(
            dispatch,
            clock,
            startedAt,
            () -> publisher.heartbeat(StepResult.heartbeat(dispatch, workerId, startedAt), trace),
            () -> publisher.publish(started, trace));
    ScheduledFuture<?> notice =
        notices.schedule(
            context::noticeStarted, startNoticeAfter.toMillis(), TimeUnit.MILLISECONDS);
    try (StepMdc ignored = StepMdc.open(dispatch)) {
      return outcome(dispatch, handler, context, startedAt);
    } finally {
      notice.cancel(false);
      context.finish();
    }
  }

  // Throwable, not Exception: a handler's Error (a StackOverflowError, a missing class) must still
  // end in a
  // result, or its record would never be acknowledged and the partition's commits would stop behind
  // it.
  private StepResult outcome(
      StepDispatch dispatch, StepHandler handler, RunningStep context, Instant startedAt) {
    try {
      JsonNode output = handler.handle(context);
      log.debug("Step completed");
      return StepResult.completed(
          dispatch,
          output == null ? NullNode.getInstance() : output,
          workerId,
          startedAt,
          clock.instant());
    } catch (StepFailure failure) {
      log.info("Step failed: {} {}", failure.type(), failure.getMessage());
      return StepResult.failed(dispatch, failure.toError(), workerId, startedAt, clock.instant());
    } catch (Throwable unexpected) {
      log.warn(
          "Step failed with an unexpected {}", unexpected.getClass().getSimpleName(), unexpected);
      return StepResult.failed(
          dispatch, unexpectedError(unexpected), workerId, startedAt, clock.instant());
    }
  }

  private static StepError unexpectedError(Throwable unexpected) {
    String message = unexpected.getMessage();
    return new StepError(
        unexpected.getClass().getSimpleName(), message == null ? "" : message, true);
  }
}
