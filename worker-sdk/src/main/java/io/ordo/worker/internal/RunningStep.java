package io.ordo.worker.internal;

import io.ordo.worker.StepContext;
import io.ordo.worker.protocol.StepDispatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The context of the attempt a handler is running; heartbeats stop once the handler returned. The
 * first heartbeat tells the orchestrator the attempt started: its timeout runs from then.
 */
final class RunningStep implements StepContext {

  /**
   * A handler may call heartbeat() in a tight loop; the orchestrator needs to hear far less often
   * than that.
   */
  static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

  private final StepDispatch dispatch;
  private final Clock clock;
  private final Instant startedAt;
  private final Runnable sendHeartbeat;
  private final Runnable sendStarted;
  private @Nullable Instant lastHeartbeat;
  private boolean finished;

  /**
   * @param sendStarted sends the first heartbeat, reliably: it starts the attempt's timeout
   */
  RunningStep(
      StepDispatch dispatch,
      Clock clock,
      Instant startedAt,
      Runnable sendHeartbeat,
      Runnable sendStarted) {
    this.dispatch = dispatch;
    this.clock = clock;
    this.startedAt = startedAt;
    this.sendHeartbeat = sendHeartbeat;
    this.sendStarted = sendStarted;
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
    Duration timeout = dispatch.timeout();
    return timeout == null ? Instant.MAX : startedAt.plus(timeout);
  }

  @Override
  public synchronized void heartbeat() {
    Instant now = clock.instant();
    if (finished
        || (lastHeartbeat != null && now.isBefore(lastHeartbeat.plus(MIN_HEARTBEAT_INTERVAL)))) {
      return;
    }
    boolean first = lastHeartbeat == null;
    lastHeartbeat = now;
    (first ? sendStarted : sendHeartbeat).run();
  }

  /** The handler is still busy after a moment: tell the orchestrator it started, if not yet. */
  synchronized void noticeStarted() {
    if (!finished && lastHeartbeat == null) {
      lastHeartbeat = clock.instant();
      sendStarted.run();
    }
  }

  synchronized void finish() {
    finished = true;
  }
}
