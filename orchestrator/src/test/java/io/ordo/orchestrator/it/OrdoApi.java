package io.ordo.orchestrator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for Ordo's REST API, as a user's script would call it. */
public final class OrdoApi {

  /** A response: status, body as JSON (null node when empty), and headers. */
  public record Response(int status, JsonNode body, Map<String, java.util.List<String>> headers) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public OrdoApi(int port) {
    this.base = "http://localhost:" + port + "/api/v1";
  }

  public Response deploy(String yaml) {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/workflows"))
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(yaml)));
  }

  public Response start(String workflow, String inputJson, String idempotencyKey) {
    var request =
        HttpRequest.newBuilder(URI.create(base + "/workflows/" + workflow + "/runs"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(inputJson));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request);
  }

  public String startRun(String workflow, String inputJson) {
    Response response = start(workflow, inputJson, null);
    if (response.status() != 201) {
      throw new AssertionError("start failed: " + response);
    }
    return response.body().get("runId").asString();
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response post(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  public Response post(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public JsonNode run(String runId) {
    return get("/runs/" + runId).body();
  }

  public String status(String runId) {
    return run(runId).get("status").asString();
  }

  /** The text at a path of the server outside the API ({@code /actuator/prometheus}). */
  public String raw(String path) {
    URI uri = URI.create(base.replace("/api/v1", "") + path);
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Response(response.statusCode(), body, response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
