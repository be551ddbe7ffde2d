package io.ordo.orchestrator.store;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code run_requests} table: what parent runs asked of their child runs ({@link Requests}). A
 * request is consumed in the transaction that applies it to the child, so it is applied once.
 */
@Repository
public class JdbcRequestStore {

  /** A request for {@code runId}. */
  public record Request(String runId, String key) {}

  private final JdbcTemplate jdbc;

  public JdbcRequestStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The oldest requests no other transaction holds, locked until this one ends. */
  public List<Request> lockOldest(int limit) {
    return jdbc.query(
        """
        select run_id, request_key from run_requests
        order by created_at limit ? for update skip locked""",
        (rs, i) -> new Request(rs.getString(1), rs.getString(2)),
        limit);
  }

  public void consume(List<Request> requests) {
    if (requests.isEmpty()) {
      return;
    }
    jdbc.update(
        ArrayStatement.of(
                """
                delete from run_requests r using unnest(?::uuid[], ?::text[]) as u(run_id, key)
                where r.run_id = u.run_id and r.request_key = u.key""")
            .column("uuid", requests.stream().map(r -> UUID.fromString(r.runId())).toList())
            .column("text", requests.stream().map(Request::key).toList()));
  }
}
