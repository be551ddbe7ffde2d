package io.ordo.orchestrator.service;

import io.ordo.dsl.ParseResult;
import io.ordo.dsl.WorkflowParser;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.store.JdbcWorkflowStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Deploys workflow definitions: validates, versions, and makes sure their topics exist. */
@Service
public class WorkflowService {

  /** A deployed version; {@code created} is false when the same content was deployed before. */
  public record Deployment(String name, int version, boolean created) {}

  private final WorkflowParser parser;
  private final JdbcWorkflowStore store;
  private final WorkflowCatalog catalog;
  private final FunctionTopics topics;
  private final Clock clock;

  public WorkflowService(
      WorkflowParser parser,
      JdbcWorkflowStore store,
      WorkflowCatalog catalog,
      FunctionTopics topics,
      Clock clock) {
    this.parser = parser;
    this.store = store;
    this.catalog = catalog;
    this.topics = topics;
    this.clock = clock;
  }

  public Deployment deploy(String yaml) {
    WorkflowDefinition workflow =
        switch (parser.parse(yaml)) {
          case ParseResult.Valid valid -> valid.workflow();
          case ParseResult.Invalid invalid ->
              throw new InvalidRequestException(
                  "the workflow definition has " + invalid.violations().size() + " error(s)",
                  invalid.violations());
        };
    String hash = sha256(yaml);
    topics.ensure(functionsOf(workflow));
    for (int tries = 0; ; tries++) {
      var existing = store.versionWithHash(workflow.name(), hash);
      if (existing.isPresent()) {
        return new Deployment(workflow.name(), existing.get(), false);
      }
      try {
        int version = store.insertNextVersion(workflow.name(), hash, yaml, clock.instant());
        catalog.deployed(workflow.name(), version);
        return new Deployment(workflow.name(), version, true);
      } catch (DuplicateKeyException raced) {
        if (tries == 3) {
          throw raced;
        }
      }
    }
  }

  /** Every function the workflow calls, nested steps and compensations included. */
  static Set<String> functionsOf(WorkflowDefinition workflow) {
    Set<String> functions = new TreeSet<>();
    for (Step step : workflow.tree().all()) {
      if (step instanceof FunctionStep f) {
        functions.add(f.function());
      }
      if (step.options().compensate() != null) {
        functions.add(step.options().compensate().function());
      }
    }
    return functions;
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
