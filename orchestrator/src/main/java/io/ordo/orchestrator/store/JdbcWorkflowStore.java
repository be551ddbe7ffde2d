package io.ordo.orchestrator.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code workflow_versions} table: every deployed version's YAML, found by name or hash. */
@Repository
public class JdbcWorkflowStore {

  /** One stored version. */
  public record StoredVersion(String name, int version, String yaml, Instant createdAt) {}

  private final JdbcClient jdbc;

  public JdbcWorkflowStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Integer> versionWithHash(String name, String contentHash) {
    return jdbc.sql("select version from workflow_versions where name = ? and content_hash = ?")
        .params(name, contentHash)
        .query(Integer.class)
        .optional();
  }

  /** Stores the YAML as the next version of {@code name}; the primary key settles races. */
  public int insertNextVersion(String name, String contentHash, String yaml, Instant now) {
    return jdbc.sql(
            """
            insert into workflow_versions (name, version, content_hash, yaml, created_at)
            select ?, coalesce(max(version), 0) + 1, ?, ?, ? from workflow_versions where name = ?
            returning version""")
        .params(name, contentHash, yaml, Timestamp.from(now), name)
        .query(Integer.class)
        .single();
  }

  public Optional<StoredVersion> find(String name, int version) {
    return jdbc.sql(
            "select name, version, yaml, created_at from workflow_versions "
                + "where name = ? and version = ?")
        .params(name, version)
        .query(StoredVersion.class)
        .optional();
  }

  public Optional<Integer> latestVersion(String name) {
    return jdbc.sql("select max(version) from workflow_versions where name = ?")
        .param(name)
        .query((rs, i) -> (Integer) rs.getObject(1))
        .optional();
  }

  public List<StoredVersion> versions(String name) {
    return jdbc.sql(
            "select name, version, yaml, created_at from workflow_versions "
                + "where name = ? order by version desc")
        .param(name)
        .query(StoredVersion.class)
        .list();
  }

  /** The newest version of every workflow, by name. */
  public List<StoredVersion> latestOfEach() {
    return jdbc.sql(
            """
            select distinct on (name) name, version, yaml, created_at
            from workflow_versions order by name, version desc""")
        .query(StoredVersion.class)
        .list();
  }
}
