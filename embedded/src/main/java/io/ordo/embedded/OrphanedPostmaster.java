package io.ordo.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL postmaster left running on a data directory by a JVM that died without closing it.
 *
 * <p>The postmaster is started through {@code pg_ctl}, so it is not a child of the JVM and survives
 * a SIGKILL of it. Until it is stopped, no new server can start on the same directory; the next
 * start takes it over instead when it can ({@link AdoptedPostmaster}).
 */
record OrphanedPostmaster(long pid, ProcessHandle process, List<String> pidFile) {

  private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
  private static final String PID_FILE = "postmaster.pid";
  private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(10);
  private static final Duration IMMEDIATE_SHUTDOWN_WAIT = Duration.ofSeconds(10);
  // postmaster.pid, one value a line: pid, data directory, start time, port, socket directory,
  // listen address, shared memory key, status
  private static final int PORT_LINE = 3;
  private static final int STATUS_LINE = 7;

  static Optional<OrphanedPostmaster> find(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve(PID_FILE);
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = readLines(pidFile);
    Optional<Long> pid = parsePid(lines, pidFile);
    Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return Optional.empty(); // PostgreSQL itself ignores a pid file whose process is gone
    }
    if (!looksLikePostgres(process.get())) {
      // The pid was reused (e.g. after a reboot); PostgreSQL would refuse to start, so the stale
      // file goes.
      log.warn(
          "Removing stale {} of pid {}, which now belongs to another program", pidFile, pid.get());
      delete(pidFile);
      return Optional.empty();
    }
    return Optional.of(new OrphanedPostmaster(pid.get(), process.get(), lines));
  }

  /** The port it listens on, if its pid file says it is ready to accept connections. */
  Optional<Integer> readyPort() {
    if (pidFile.size() <= STATUS_LINE || !pidFile.get(STATUS_LINE).strip().equals("ready")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(pidFile.get(PORT_LINE).strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Fast shutdown first (SIGINT: ends sessions, writes a checkpoint, so the next start needs no
   * crash recovery), then immediate (SIGQUIT), then SIGKILL. The postmaster takes its children down
   * in the first two modes.
   */
  void stop() {
    log.warn(
        "PostgreSQL (pid {}) from an earlier run that was not shut down is still running; stopping it",
        pid);
    long stoppingAt = System.nanoTime();
    shutDown();
    log.info(
        "PostgreSQL (pid {}) from an earlier run that was not shut down is stopped ({} ms)",
        pid,
        Duration.ofNanos(System.nanoTime() - stoppingAt).toMillis());
  }

  /** Stops it as {@link #stop} does, without calling it a leftover: for one that was taken over. */
  void shutDown() {
    if (signalAndWait("INT", FAST_SHUTDOWN_WAIT)
        || signalAndWait("QUIT", IMMEDIATE_SHUTDOWN_WAIT)) {
      return;
    }
    process.destroyForcibly();
    if (!awaitExit(IMMEDIATE_SHUTDOWN_WAIT)) {
      throw new IllegalStateException("could not stop the PostgreSQL postmaster with pid " + pid);
    }
  }

  private boolean signalAndWait(String signal, Duration wait) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      log.warn("Could not run kill -s {} {}", signal, pid, e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return awaitExit(wait);
  }

  private boolean awaitExit(Duration wait) {
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<String> readLines(Path pidFile) {
    try {
      return List.copyOf(Files.readAllLines(pidFile));
    } catch (IOException e) {
      log.warn("Could not read {}", pidFile, e);
      return List.of();
    }
  }

  private static Optional<Long> parsePid(List<String> lines, Path pidFile) {
    try {
      return lines.isEmpty()
          ? Optional.empty()
          : Optional.of(Long.parseLong(lines.getFirst().strip()));
    } catch (NumberFormatException e) {
      log.warn("Could not read the pid from {}", pidFile, e);
      return Optional.empty();
    }
  }

  private static boolean looksLikePostgres(ProcessHandle process) {
    // When the command is not visible (another user's process), assume it is ours rather than
    // leave a postmaster running that would block the start.
    return process.info().command().map(command -> command.contains("postgres")).orElse(true);
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + file, e);
    }
  }
}
