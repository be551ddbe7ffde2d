package io.ordo.orchestrator.api;

import io.ordo.orchestrator.engine.RunState;
import io.ordo.orchestrator.service.NotFoundException;
import io.ordo.orchestrator.service.RunService;
import io.ordo.orchestrator.store.JdbcRunStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for one run: an event {@code run} with the whole run each time it changes,
 * until it comes to rest. Changes are noticed by polling the row every 250 ms, which works the same
 * whichever orchestrator instance made the change.
 */
@RestController
public class RunStreamController implements DisposableBean {

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration LONGEST = Duration.ofMinutes(30);

  private final JdbcRunStore store;
  private final ScheduledExecutorService pollers =
      Executors.newScheduledThreadPool(
          1, Thread.ofPlatform().name("ordo-run-streams").daemon().factory());

  public RunStreamController(JdbcRunStore store) {
    this.store = store;
  }

  @GetMapping(path = "/api/v1/runs/{runId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter stream(@PathVariable String runId) {
    String id = RunService.parseRunId(runId);
    RunState first =
        store.find(id).orElseThrow(() -> new NotFoundException("no run with id " + runId));
    SseEmitter emitter = new SseEmitter(LONGEST.toMillis());
    AtomicReference<Instant> seen = new AtomicReference<>();
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    // Throwing ends a fixed-delay task: that is how a stream stops polling once it is over.
    Runnable push =
        () -> {
          RunState run = seen.get() == null ? first : store.find(id).orElse(null);
          if (run == null || run.updatedAt().equals(seen.get())) {
            return;
          }
          seen.set(run.updatedAt());
          try {
            emitter.send(SseEmitter.event().name("run").id(run.updatedAt().toString()).data(run));
          } catch (IOException | IllegalStateException clientGone) {
            throw new CancellationException("the client went away");
          }
          if (run.status().isAtRest()) {
            emitter.complete();
            throw new CancellationException("the run is at rest");
          }
        };
    task.set(pollers.scheduleWithFixedDelay(push, 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
    emitter.onCompletion(() -> task.get().cancel(false));
    return emitter;
  }

  @Override
  public void destroy() {
    pollers.shutdownNow();
  }
}
