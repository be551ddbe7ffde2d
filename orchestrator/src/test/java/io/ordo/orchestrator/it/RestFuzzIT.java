package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordo.orchestrator.it.RawHttp.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated requests against every endpoint for a bounded time ({@code
 * -Dordo.fuzz.seconds}, 30 by default; {@code -Dordo.fuzz.seed} to replay): no answer is a 5xx,
 * every 4xx is problem+json, and Ordo still runs a workflow afterwards.
 */
class RestFuzzIT extends OrdoIT {

  private static final List<String> PATHS =
      List.of(
          "/api/v1/workflows",
          "/api/v1/workflows/{name}",
          "/api/v1/workflows/{name}/versions/{n}",
          "/api/v1/workflows/{name}/runs",
          "/api/v1/runs",
          "/api/v1/runs/counts",
          "/api/v1/runs/{id}",
          "/api/v1/runs/{id}/events",
          "/api/v1/runs/{id}/cancel",
          "/api/v1/runs/{id}/retry",
          "/api/v1/runs/{id}/signals/{name}",
          "/api/v1/runs/{id}/incidents",
          "/api/v1/runs/{id}/incidents/{n}/retry",
          "/api/v1/runs/{id}/incidents/{n}/discard",
          "/api/v1/incidents",
          "/api/v1/functions",
          "/api/v1/schema/workflow.json");
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/yaml",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/json; charset=latin1",
          "*/*",
          "garbage");
  private static final List<String> SEEDS =
      List.of(
          "{\"orderId\": \"o-1\", \"amount\": 25, \"items\": [{\"sku\": \"SKU-1\", \"qty\": 1}]}",
          "{\"reason\": \"fuzz\"}",
          "name: fuzzed\nsteps:\n  - id: a\n    function: demo.echo\n",
          "[1, 2.5e308, -0, null, true, \"\\ud800\", {\"\": {}}]",
          "\"just a string\"");
  private static final List<String> QUERY_NAMES =
      List.of("workflow", "status", "parent", "since", "until", "limit", "cursor", "version");

  @Test
  void noRequestMakesOrdoAnswerWithA5xxOrAnythingButAProblem() {
    long seed = Long.getLong("ordo.fuzz.seed", System.nanoTime());
    Duration budget = Duration.ofSeconds(Long.getLong("ordo.fuzz.seconds", 30));
    System.out.println("RestFuzzIT seed " + seed + " (-Dordo.fuzz.seed=" + seed + " replays it)");
    Random random = new Random(seed);
    RawHttp http = new RawHttp(port);
    String realRun = api.startRun("echo", "{\"fuzz\": true}");
    long deadline = System.nanoTime() + budget.toNanos();
    int requests = 0;
    while (System.nanoTime() < deadline) {
      String method = pick(random, METHODS);
      String target = path(random, realRun) + query(random);
      Map<String, String> headers = headers(random);
      byte[] body = body(random);
      Reply reply = http.send(method, target, headers, body);
      String request = method + " " + target + " " + headers + " (" + body.length + " bytes)";
      assertThat(reply.status()).as(request + " → " + reply.body()).isLessThan(500);
      if (reply.status() >= 400) {
        assertThat(reply.contentType()).as(request).startsWith("application/problem+json");
      }
      requests++;
    }
    System.out.println("RestFuzzIT sent " + requests + " requests");

    String after = api.startRun("echo", "{\"after\": \"fuzzing\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> api.status(after).equals("COMPLETED"));
  }

  private static String path(Random random, String realRun) {
    String path = pick(random, PATHS);
    while (path.contains("{")) {
      int at = path.indexOf('{');
      String name = path.substring(at + 1, path.indexOf('}'));
      path =
          path.substring(0, at)
              + segment(random, name, realRun)
              + path.substring(path.indexOf('}') + 1);
    }
    return path;
  }

  private static String segment(Random random, String kind, String realRun) {
    return switch (random.nextInt(5)) {
      case 0 -> kind.equals("id") ? realRun : kind.equals("n") ? "1" : "echo";
      case 1 -> UUID.randomUUID().toString();
      case 2 -> Integer.toString(random.nextInt(Integer.MAX_VALUE) - 5);
      case 3 -> encodedBytes(random, 1 + random.nextInt(12));
      default -> "x".repeat(1 + random.nextInt(300));
    };
  }

  private static String query(Random random) {
    if (random.nextBoolean()) {
      return "";
    }
    StringBuilder query = new StringBuilder("?");
    for (int i = random.nextInt(4); i >= 0; i--) {
      query.append(pick(random, QUERY_NAMES)).append('=');
      query.append(random.nextBoolean() ? encodedBytes(random, random.nextInt(8)) : "50");
      query.append('&');
    }
    return query.toString();
  }

  private static Map<String, String> headers(Random random) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (random.nextInt(4) > 0) {
      headers.put("Content-Type", pick(random, CONTENT_TYPES));
    }
    if (random.nextInt(3) == 0) {
      headers.put("Idempotency-Key", printable(random, random.nextInt(400)));
    }
    if (random.nextInt(4) == 0) {
      headers.put("Accept", pick(random, List.of("text/html", "application/xml", "*/*", "x/y")));
    }
    return headers;
  }

  private static byte[] body(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> new byte[0];
      case 1 -> {
        byte[] noise = new byte[random.nextInt(2_000)];
        random.nextBytes(noise);
        yield noise;
      }
      default -> mutate(random, pick(random, SEEDS).getBytes(StandardCharsets.UTF_8));
    };
  }

  private static byte[] mutate(Random random, byte[] seed) {
    byte[] bytes = seed.clone();
    for (int i = random.nextInt(4); i > 0 && bytes.length > 0; i--) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    if (random.nextInt(4) == 0) {
      bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
    }
    return bytes;
  }

  private static String encodedBytes(Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(String.format("%%%02X", random.nextInt(256)));
    }
    return text.toString();
  }

  private static String printable(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) (0x20 + random.nextInt(0x5f)));
    }
    return text.toString();
  }

  private static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }
}
