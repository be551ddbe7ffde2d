package io.ordo.orchestrator.service;

import io.ordo.dsl.ParseResult;
import io.ordo.dsl.WorkflowParser;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.store.JdbcWorkflowStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Parsed workflow versions by name and version. A version never changes once deployed, so each is
 * parsed once per process and kept. The latest version of each workflow is remembered for a moment
 * ({@link #LATEST_FOR}): a start does not look it up, and a version deployed on another instance is
 * seen here within that moment (at once when deployed here).
 */
@Service
public class WorkflowCatalog {

  static final Duration LATEST_FOR = Duration.ofSeconds(2);

  private record Key(String name, int version) {}

  private record Latest(int version, long seenAtNanos) {}

  private final JdbcWorkflowStore store;
  private final WorkflowParser parser;
  private final Map<Key, WorkflowDefinition> parsed = new ConcurrentHashMap<>();
  private final Map<String, Latest> latest = new ConcurrentHashMap<>();

  public WorkflowCatalog(JdbcWorkflowStore store, WorkflowParser parser) {
    this.store = store;
    this.parser = parser;
  }

  /** The workflow's latest version, empty when none is deployed. */
  public Optional<Integer> latestVersion(String name) {
    Latest known = latest.get(name);
    long now = System.nanoTime();
    if (known != null && now - known.seenAtNanos() < LATEST_FOR.toNanos()) {
      return Optional.of(known.version());
    }
    Optional<Integer> found = store.latestVersion(name);
    found.ifPresent(v -> latest.put(name, new Latest(v, now)));
    return found;
  }

  /** A version was deployed here: starts use it from now on. */
  public void deployed(String name, int version) {
    latest.merge(
        name,
        new Latest(version, System.nanoTime()),
        (old, next) -> next.version() >= old.version() ? next : old);
  }

  public WorkflowDefinition definition(String name, int version) {
    return parsed.computeIfAbsent(new Key(name, version), key -> load(key.name(), key.version()));
  }

  private WorkflowDefinition load(String name, int version) {
    String yaml =
        store
            .find(name, version)
            .orElseThrow(
                () -> new NotFoundException("workflow " + name + " has no version " + version))
            .yaml();
    return switch (parser.parse(yaml)) {
      case ParseResult.Valid valid -> valid.workflow();
      case ParseResult.Invalid invalid ->
          throw new IllegalStateException(
              "stored workflow "
                  + name
                  + " v"
                  + version
                  + " no longer parses: "
                  + invalid.violations());
    };
  }
}
