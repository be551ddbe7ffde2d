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
   * {@code runId:stepId:attempt}, the same on every delivery of this attempt: pass it to the
   * systems you call.
   */
  String idempotencyKey();

  JsonNode input();

  /**
   * When the orchestrator stops waiting for this attempt, unless {@link #heartbeat()} extends it.
   */
  Instant deadline();

  /**
   * Tells the orchestrator the attempt is still alive. Cheap to call often: at most one heartbeat a
   * second is sent.
   */
  void heartbeat();
}
