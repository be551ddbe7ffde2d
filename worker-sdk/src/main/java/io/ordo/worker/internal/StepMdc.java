package io.ordo.worker.internal;

import io.ordo.worker.protocol.StepDispatch;
import org.slf4j.MDC;

/**
 * Puts the step's identity in the logging context for as long as it is open, so every log line says
 * which step.
 */
public final class StepMdc implements AutoCloseable {

  public static final String RUN_ID = "runId";
  public static final String STEP_ID = "stepId";
  public static final String ATTEMPT = "attempt";

  private StepMdc() {}

  public static StepMdc open(StepDispatch dispatch) {
    MDC.put(RUN_ID, dispatch.runId());
    MDC.put(STEP_ID, dispatch.stepId());
    MDC.put(ATTEMPT, Integer.toString(dispatch.attempt()));
    return new StepMdc();
  }

  @Override
  public void close() {
    MDC.remove(RUN_ID);
    MDC.remove(STEP_ID);
    MDC.remove(ATTEMPT);
  }
}
