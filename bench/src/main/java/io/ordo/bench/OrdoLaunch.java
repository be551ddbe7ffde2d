package io.ordo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One start of {@code java -jar ordo.jar} with its own embedded PostgreSQL and Kafka, as a user
 * runs it, on a data directory that may have been used (and killed) before.
 */
final class OrdoLaunch {

  private static final Pattern RUN_ID = Pattern.compile("\"runId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Process process;
  private final String base;
  private final Path log;
  private final Instant launchedAt;

  private OrdoLaunch(Process process, int port, Path log, Instant launchedAt) {
    this.process = process;
    this.base = "http://localhost:" + port;
    this.log = log;
    this.launchedAt = launchedAt;
  }

  static OrdoLaunch start(Path jar, List<String> jvmArgs, Path dataDirectory, Path log)
      throws IOException {
    int port = FreePorts.one();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--server.port=" + port,
            "--ordo.embedded.data-directory=" + dataDirectory,
            "--ordo.embedded.kafka-port=" + FreePorts.one(),
            // when each consumer group got its partitions
            "--logging.level.org.apache.kafka.clients.consumer.internals.ConsumerCoordinator=INFO"));
    Instant launchedAt = Instant.now();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new OrdoLaunch(process, port, log, launchedAt);
  }

  Instant launchedAt() {
    return launchedAt;
  }

  Path log() {
    return log;
  }

  /** Waits for {@code /actuator/health} to say UP; returns when it did. */
  Instant awaitHealthy() throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("ordo.jar exited while starting; see " + log);
      }
      try {
        var response = get("/actuator/health");
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
          return Instant.now();
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("ordo.jar not healthy within " + PATIENCE + "; see " + log);
  }

  /** CPU time the JVM has used so far (user + system), in ms. */
  long cpuMillis() {
    return ProcessCpu.millis(process.pid());
  }

  /** Starts an ordinary order and waits until it completed; returns when it did. */
  Instant runOrder() throws Exception {
    String body =
        """
        {"orderId": "%s", "amount": 25, "email": "restart@example.com", "items": [{"sku": "SKU-1", "qty": 1}]}"""
            .formatted(UUID.randomUUID());
    var started =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/workflows/order-fulfillment/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher id = RUN_ID.matcher(started.body());
    if (started.statusCode() != 201 || !id.find()) {
      throw new IllegalStateException(
          "start failed: " + started.statusCode() + " " + started.body());
    }
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      Matcher status = STATUS.matcher(get("/api/v1/runs/" + id.group(1)).body());
      if (status.find() && !status.group(1).equals("RUNNING")) {
        if (!status.group(1).equals("COMPLETED")) {
          throw new IllegalStateException("the order ended " + status.group(1));
        }
        return Instant.now();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the order did not complete within " + PATIENCE);
  }

  /** SIGKILL to the JVM only: its PostgreSQL server lives on, as after a real crash. */
  Instant kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    return Instant.now();
  }

  /** SIGTERM: Spring's graceful shutdown, consumers leave their groups, the servers stop. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
