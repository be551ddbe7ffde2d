package io.ordo.bench;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped {@code ordo.jar}, run as its own process against the benchmark's infrastructure. */
final class OrdoProcess implements AutoCloseable {

  private static final Pattern RUN_ID = Pattern.compile("\"runId\"\\s*:\\s*\"([^\"]+)\"");

  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  OrdoProcess(Path jar, List<String> settings, Path log) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://localhost:" + port + "/api/v1";
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // e.g. -Dordo.jvm.args="-XX:StartFlightRecording=filename=target/ordo.jfr" to profile Ordo
    String jvmArgs = System.getProperty("ordo.jvm.args", "").strip();
    if (!jvmArgs.isEmpty()) {
      command.addAll(List.of(jvmArgs.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
    settings.forEach(s -> command.add("--" + s));
    Files.createDirectories(log.getParent());
    process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  void awaitReady(Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("ordo.jar exited while starting");
      }
      try {
        if (get("/workflows/order-fulfillment").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("ordo.jar not ready within " + timeout);
  }

  long pid() {
    return process.pid();
  }

  String baseUrl() {
    return base;
  }

  String startOrder(String orderId) throws Exception {
    return start(
        "order-fulfillment",
        """
        {"orderId": "%s", "amount": 25, "email": "bench@example.com", "items": [{"sku": "SKU-1", "qty": 2}]}"""
            .formatted(orderId));
  }

  String start(String workflow, String input) throws Exception {
    HttpResponse<String> response =
        post("/workflows/" + workflow + "/runs", "application/json", input);
    Matcher m = RUN_ID.matcher(response.body());
    if (response.statusCode() != 201 || !m.find()) {
      throw new IllegalStateException(
          "start failed: " + response.statusCode() + " " + response.body());
    }
    return m.group(1);
  }

  void deploy(String yaml) throws Exception {
    HttpResponse<String> response = post("/workflows", "application/yaml", yaml);
    if (response.statusCode() >= 300) {
      throw new IllegalStateException("deploy failed: " + response.body());
    }
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<Void> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
