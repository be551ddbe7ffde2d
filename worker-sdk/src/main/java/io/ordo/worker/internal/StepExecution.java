package io.ordo.worker.internal;

import io.ordo.worker.StepFailure;
import io.ordo.worker.StepHandler;
import io.ordo.worker.protocol.StepDispatch;
import io.ordo.worker.protocol.StepError;
import io.ordo.worker.protocol.StepResult;
import io.ordo.worker.protocol.Traceparent;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/** Runs one handler on one dispatch and turns whatever happens into the result to report. */
public final class StepExecution {

  private static final Logger log = LoggerFactory.getLogger(StepExecution.class);

  private final String workerId;
  private final Clock clock;
  private final ResultPublisher publisher;

  public StepExecution(String workerId, Clock clock, ResultPublisher publisher) {
    this.workerId = workerId;
    this.clock = clock;
    this.publisher = publisher;
  }

  /** Never throws: every outcome of the handler is a result. */
  public StepResult run(StepDispatch dispatch, StepHandler handler, @Nullable Traceparent trace) {
    Instant startedAt = clock.instant();
    RunningStep context =
        new RunningStep(
            dispatch,
            clock,
            () -> publisher.heartbeat(StepResult.heartbeat(dispatch, workerId, startedAt), trace));
    try (StepMdc ignored = StepMdc.open(dispatch)) {
      return outcome(dispatch, handler, context, startedAt);
    } finally {
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
