package io.ordo.worker;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** What a handler knows about the attempt it is running. */
public interface StepContext {

  String runId();

  String stepId();

  /** 1 for the first attempt, 2 for the first retry, and so on. */
  int attempt();

  /**
   * {@code runId:stepId}: the same on every attempt of the step and every delivery of each. Pass it
   * to the systems you call, or dedupe on it, and the side effect happens once however often the
   * step is tried. {@link #attempt()} tells the attempts apart.
   */
  String idempotencyKey();

  JsonNode input();

  /**
   * When the orchestrator stops waiting for this attempt: the step's timeout after the attempt
   * started here, unless {@link #heartbeat()} extends it; {@link Instant#MAX} without a timeout.
   */
  Instant deadline();

  /**
   * Tells the orchestrator the attempt is still alive. Cheap to call often: at most one heartbeat a
   * second is sent.
   */
  void heartbeat();
}
