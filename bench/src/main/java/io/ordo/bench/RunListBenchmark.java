package io.ordo.bench;

import io.ordo.embedded.EmbeddedPostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast the run list answers with many runs in the database: fills {@code runs} with {@code
 * rows} runs (100,000 by default) of two workflows in four statuses, then times the list queries
 * the UI makes — first page, a filter by workflow, by status, by both, a time range, and a page
 * deep in the keyset — as a client on the same machine sees them (median and p99 of 30 calls).
 */
public final class RunListBenchmark {

  private static final Pattern CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    int rows = Integer.getInteger("rows", 100_000);
    try (var env = BenchEnvironment.start("ordo-list-bench")) {
      var postgres = env.postgres();
      var ordo = env.ordo();
      fill(postgres, rows);
      HttpClient http = HttpClient.newHttpClient();
      String base = ordo.baseUrl() + "/runs?limit=50";
      String deep = cursorAfterPages(http, base, 100);
      Map<String, String> queries = new LinkedHashMap<>();
      queries.put("newest 50", base);
      queries.put("workflow", base + "&workflow=order-fulfillment");
      queries.put("status", base + "&status=FAILED");
      queries.put("workflow+status", base + "&workflow=bulk-import&status=COMPENSATED");
      queries.put("time range", base + "&since=2026-01-01T00:00:00Z&until=2026-01-02T00:00:00Z");
      queries.put("page 101", base + "&cursor=" + deep);
      queries.put("counts", ordo.baseUrl() + "/runs/counts");
      System.out.printf(Locale.ROOT, "%,d runs in the database%n", rows);
      for (var query : queries.entrySet()) {
        List<Double> millis = time(http, query.getValue(), 30);
        System.out.printf(
            Locale.ROOT,
            "%-16s median %6.1f ms   p99 %6.1f ms%n",
            query.getKey(),
            Stats.median(millis),
            Stats.percentile(millis, 99));
      }
    }
  }

  private static void fill(EmbeddedPostgresServer postgres, int rows) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        Statement s = c.createStatement()) {
      s.execute(
          """
          insert into workflow_versions (name, version, content_hash, yaml, created_at)
          values ('bulk-import', 1, 'bulk', 'name: bulk-import', now()) on conflict do nothing""");
      s.execute(
          """
          insert into runs (run_id, workflow_name, workflow_version, status, state, created_at,
                            updated_at, finished_at)
          select gen_random_uuid(),
                 case when i % 3 = 0 then 'bulk-import' else 'order-fulfillment' end, 1,
                 (array['COMPLETED', 'COMPLETED', 'FAILED', 'COMPENSATED', 'RUNNING'])[1 + i % 5],
                 '{}'::jsonb, timestamptz '2026-01-01' + i * interval '7 seconds',
                 timestamptz '2026-01-01' + i * interval '7 seconds',
                 timestamptz '2026-01-01' + i * interval '7 seconds'
          from generate_series(1, ROWS) i"""
              .replace("ROWS", Integer.toString(rows)));
      s.execute("analyze runs");
    }
  }

  private static String cursorAfterPages(HttpClient http, String base, int pages) throws Exception {
    String cursor = null;
    for (int i = 0; i < pages; i++) {
      String body = get(http, cursor == null ? base : base + "&cursor=" + cursor);
      Matcher m = CURSOR.matcher(body);
      if (!m.find()) {
        throw new IllegalStateException("ran out of pages after " + i);
      }
      cursor = m.group(1);
    }
    return cursor;
  }

  private static List<Double> time(HttpClient http, String url, int calls) throws Exception {
    get(http, url);
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      get(http, url);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return millis;
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " → " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
