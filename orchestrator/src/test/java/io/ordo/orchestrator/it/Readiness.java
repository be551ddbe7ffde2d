package io.ordo.orchestrator.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Watches an orchestrator's readiness and liveness every 100 ms, as Kubernetes would (more often),
 * and keeps when each changed, so that a drill can say how long after an outage began or ended
 * readiness followed.
 */
final class Readiness implements AutoCloseable {

  record Change(Instant at, boolean ready) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final String base;
  private final List<Change> changes = new ArrayList<>();
  private volatile boolean livenessFailed;
  private volatile boolean watching = true;
  private final Thread watcher;

  Readiness(int port) {
    this.base = "http://localhost:" + port + "/actuator/health/";
    this.watcher = Thread.ofPlatform().daemon().name("readiness-watch").start(this::watch);
  }

  private void watch() {
    Boolean last = null;
    while (watching) {
      boolean ready = status("readiness") == 200;
      if (status("liveness") != 200) {
        livenessFailed = true;
      }
      if (last == null || ready != last) {
        synchronized (changes) {
          changes.add(new Change(Instant.now(), ready));
        }
        last = ready;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private int status(String group) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(base + group))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Waits until readiness says ready. */
  Readiness awaitReady(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      synchronized (changes) {
        if (!changes.isEmpty() && changes.getLast().ready()) {
          return this;
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("readiness not UP within " + timeout);
  }

  /** How long after {@code from} readiness first became {@code ready}, if it did. */
  Optional<Duration> became(boolean ready, Instant from) {
    synchronized (changes) {
      return changes.stream()
          .filter(c -> c.ready() == ready && !c.at().isBefore(from))
          .findFirst()
          .map(c -> Duration.between(from, c.at()));
    }
  }

  /**
   * How long after {@code back} (a dependency's return) readiness came back after the outage that
   * began at {@code stopped}: the first UP after the first DOWN since then. Zero when readiness
   * came back while the return was still being reported.
   */
  Optional<Duration> recovered(Instant stopped, Instant back) {
    synchronized (changes) {
      Optional<Change> down =
          changes.stream().filter(c -> !c.ready() && !c.at().isBefore(stopped)).findFirst();
      return down.flatMap(
          d ->
              changes.stream()
                  .filter(c -> c.ready() && c.at().isAfter(d.at()))
                  .findFirst()
                  .map(
                      c -> c.at().isBefore(back) ? Duration.ZERO : Duration.between(back, c.at())));
    }
  }

  /** Whether liveness ever answered other than 200 while watched. */
  boolean livenessFailed() {
    return livenessFailed;
  }

  @Override
  public void close() throws InterruptedException {
    watching = false;
    watcher.interrupt();
    watcher.join();
  }
}
