package io.ordo.orchestrator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An Ordo orchestrator in a JVM of its own, so that a test can kill it with SIGKILL. */
final class OrchestratorProcess {

  private final Process process;
  final int port;
  final Path log;

  private OrchestratorProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static OrchestratorProcess start(String name, List<String> settings) {
    try {
      int port = TestPorts.next();
      Path log = Files.createDirectories(Path.of("target", "processes")).resolve(name + ".log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx384m",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.ordo.orchestrator.OrdoApplication",
                  "--server.port=" + port));
      settings.forEach(s -> command.add("--" + s));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new OrchestratorProcess(process, port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the process answers on its health endpoint. */
  OrchestratorProcess awaitReady(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "orchestrator died while starting; see " + log.toAbsolutePath());
      }
      try {
        var request =
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/v1/workflows/order-fulfillment"))
                .build();
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "orchestrator not ready after " + timeout + "; see " + log.toAbsolutePath());
  }

  /** SIGKILL: no shutdown hook, no graceful close, no committed offsets. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(
        Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      kill();
    }
  }
}
