package io.ordo.orchestrator.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code result_watermarks} table: how far each orchestrator has applied the results topic. The
 * lowest mark of the orchestrators heard from recently bounds which attempt timeouts may fire.
 */
@Repository
public class JdbcWatermarks {

  private final JdbcTemplate jdbc;

  public JdbcWatermarks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records this member's mark. */
  public void publish(String member, Instant seenUntil, Instant now) {
    jdbc.update(
        """
        insert into result_watermarks (member, seen_until, updated_at) values (?, ?, ?)
        on conflict (member) do update
            set seen_until = excluded.seen_until, updated_at = excluded.updated_at""",
        member,
        Timestamp.from(seenUntil),
        Timestamp.from(now));
  }

  /**
   * The lowest mark of the other members heard from within {@code recent} of {@code now}: a member
   * silent for longer has left, and the partitions it held belong to someone else by then. Empty
   * when there is no other member.
   */
  public Optional<Instant> lowestOfOthers(String member, Instant now, Duration recent) {
    Timestamp lowest =
        jdbc.queryForObject(
            """
            select min(seen_until) from result_watermarks where updated_at > ? and member <> ?""",
            Timestamp.class,
            Timestamp.from(now.minus(recent)),
            member);
    return Optional.ofNullable(lowest).map(Timestamp::toInstant);
  }

  /** Forgets a member that leaves cleanly, so it does not hold the others' timers back. */
  public void remove(String member) {
    jdbc.update("delete from result_watermarks where member = ?", member);
  }
}
