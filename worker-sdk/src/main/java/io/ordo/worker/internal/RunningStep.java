package io.ordo.worker.internal;

import io.ordo.worker.StepContext;
import io.ordo.worker.protocol.StepDispatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The context of the attempt a handler is running; heartbeats stop once the handler returned. */
final class RunningStep implements StepContext {

  /**
   * A handler may call heartbeat() in a tight loop; the orchestrator needs to hear far less often
   * than that.
   */
  static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

  private final StepDispatch dispatch;
  private final Clock clock;
  private final Runnable sendHeartbeat;
  private @Nullable Instant lastHeartbeat;
  private boolean finished;

  RunningStep(StepDispatch dispatch, Clock clock, Runnable sendHeartbeat) {
    this.dispatch = dispatch;
    this.clock = clock;
    this.sendHeartbeat = sendHeartbeat;
  }

  @Override
  public String runId() {
    return dispatch.runId();
  }

  @Override
  public String stepId() {
    return dispatch.stepId();
  }

  @Override
  public int attempt() {
    return dispatch.attempt();
  }

  @Override
  public String idempotencyKey() {
    return dispatch.idempotencyKey();
  }

  @Override
  public JsonNode input() {
    return dispatch.input();
  }

  @Override
  public Instant deadline() {
    return dispatch.deadline();
  }

  @Override
  public synchronized void heartbeat() {
    Instant now = clock.instant();
    if (finished
        || (lastHeartbeat != null && now.isBefore(lastHeartbeat.plus(MIN_HEARTBEAT_INTERVAL)))) {
      return;
    }
    lastHeartbeat = now;
    sendHeartbeat.run();
  }

  synchronized void finish() {
    finished = true;
  }
}
