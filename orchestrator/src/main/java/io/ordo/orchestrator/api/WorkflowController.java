package io.ordo.orchestrator.api;

import io.ordo.orchestrator.service.NotFoundException;
import io.ordo.orchestrator.service.WorkflowCatalog;
import io.ordo.orchestrator.service.WorkflowService;
import io.ordo.orchestrator.service.WorkflowService.Deployment;
import io.ordo.orchestrator.store.JdbcWorkflowStore;
import io.ordo.orchestrator.store.JdbcWorkflowStore.StoredVersion;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Deploying and reading workflow definitions. */
@RestController
@RequestMapping("/api/v1/workflows")
public class WorkflowController {

  public record WorkflowSummary(
      String name, @Nullable String description, int latestVersion, Instant updatedAt) {}

  public record VersionSummary(int version, Instant createdAt) {}

  public record WorkflowVersions(String name, List<VersionSummary> versions) {}

  public record WorkflowVersion(
      String name,
      int version,
      @Nullable String description,
      Instant createdAt,
      String yaml,
      WorkflowGraph graph) {}

  private final WorkflowService service;
  private final JdbcWorkflowStore store;
  private final WorkflowCatalog catalog;

  public WorkflowController(
      WorkflowService service, JdbcWorkflowStore store, WorkflowCatalog catalog) {
    this.service = service;
    this.store = store;
    this.catalog = catalog;
  }

  @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
  public ResponseEntity<Deployment> deploy(@RequestBody String yaml) {
    Deployment deployment = service.deploy(yaml);
    URI location =
        URI.create("/api/v1/workflows/" + deployment.name() + "/versions/" + deployment.version());
    return deployment.created()
        ? ResponseEntity.created(location).body(deployment)
        : ResponseEntity.status(HttpStatus.OK).location(location).body(deployment);
  }

  @GetMapping
  public List<WorkflowSummary> list() {
    return store.latestOfEach().stream()
        .map(v -> new WorkflowSummary(v.name(), describe(v), v.version(), v.createdAt()))
        .toList();
  }

  @GetMapping("/{name}")
  public WorkflowVersions versions(@PathVariable String name) {
    List<StoredVersion> versions = store.versions(name);
    if (versions.isEmpty()) {
      throw new NotFoundException("no workflow named '" + name + "'");
    }
    return new WorkflowVersions(
        name, versions.stream().map(v -> new VersionSummary(v.version(), v.createdAt())).toList());
  }

  @GetMapping("/{name}/versions/{version}")
  public WorkflowVersion version(@PathVariable String name, @PathVariable int version) {
    StoredVersion stored =
        store
            .find(name, version)
            .orElseThrow(
                () -> new NotFoundException("workflow '" + name + "' has no version " + version));
    var definition = catalog.definition(name, version);
    return new WorkflowVersion(
        name,
        version,
        definition.description(),
        stored.createdAt(),
        stored.yaml(),
        WorkflowGraph.of(definition));
  }

  private @Nullable String describe(StoredVersion version) {
    return catalog.definition(version.name(), version.version()).description();
  }
}
