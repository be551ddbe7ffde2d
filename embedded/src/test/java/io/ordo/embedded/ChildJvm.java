package io.ordo.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running one of this module's servers, so a test can kill it the way a crash would.
 */
final class ChildJvm {

  static final String READY = "READY";

  private final Process process;

  private ChildJvm(Process process) {
    this.process = process;
  }

  /**
   * Starts {@link ServerThatGetsKilled} with the given server kind and directory and waits until it
   * is ready.
   */
  static ChildJvm startServer(String kind, Path directory) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ServerThatGetsKilled.class.getName(),
                kind,
                directory.toString())
            .redirectErrorStream(true)
            .start();
    ChildJvm child = new ChildJvm(process);
    child.awaitReady();
    return child;
  }

  private void awaitReady() throws Exception {
    CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(this::readUntilReady);
    if (!ready.get(90, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child JVM exited before it was ready");
    }
    // Keep draining its output so a full pipe never blocks it.
    CompletableFuture.runAsync(this::readUntilReady);
  }

  private boolean readUntilReady() {
    try {
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        System.out.println("[child] " + line);
        if (line.equals(READY)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** Sends SIGKILL: no shutdown hook, no finally block runs in the child. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
