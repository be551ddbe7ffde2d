package io.ordo.orchestrator.service;

import io.ordo.dsl.ParseResult;
import io.ordo.dsl.WorkflowParser;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.store.JdbcWorkflowStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Parsed workflow versions by name and version. A version never changes once deployed, so each is
 * parsed once per process and kept.
 */
@Service
public class WorkflowCatalog {

  private record Key(String name, int version) {}

  private final JdbcWorkflowStore store;
  private final WorkflowParser parser;
  private final Map<Key, WorkflowDefinition> parsed = new ConcurrentHashMap<>();

  public WorkflowCatalog(JdbcWorkflowStore store, WorkflowParser parser) {
    this.store = store;
    this.parser = parser;
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
