package io.ordo.orchestrator.service;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one step of background work over and over on its own thread until closed. A step that throws
 * is logged and retried after a pause, so a database or broker outage slows the loop down instead
 * of ending it.
 */
public final class BackgroundLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

  /** One round of work; returns when there is nothing more to do right now. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  private final String name;
  private final Step step;
  private final Duration pauseAfterError;
  private volatile boolean running;
  private Thread thread;

  private final Runnable stopping;

  /**
   * @param stopping called first when the loop stops, to cut short a step that blocks (a Kafka
   *     consumer's {@code wakeup})
   */
  public BackgroundLoop(String name, Step step, Duration pauseAfterError, Runnable stopping) {
    this.name = name;
    this.step = step;
    this.pauseAfterError = pauseAfterError;
    this.stopping = stopping;
  }

  public BackgroundLoop(String name, Step step, Duration pauseAfterError) {
    this(name, step, pauseAfterError, () -> {});
  }

  @Override
  public synchronized void start() {
    running = true;
    thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    while (running) {
      try {
        step.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (!running) {
          return;
        }
        log.warn("{} failed; trying again in {}", name, pauseAfterError, e);
        pause();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(pauseAfterError);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops after the current step; a step still busy after five seconds is interrupted. */
  @Override
  public synchronized void stop() {
    running = false;
    stopping.run();
    if (thread == null) {
      return;
    }
    try {
      if (!thread.join(Duration.ofSeconds(5))) {
        thread.interrupt();
        thread.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
