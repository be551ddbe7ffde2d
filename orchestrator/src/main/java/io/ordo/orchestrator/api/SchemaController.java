package io.ordo.orchestrator.api;

import io.ordo.dsl.WorkflowParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the DSL's own JSON Schema, so editors can point the YAML language server at a running
 * Ordo: {@code # yaml-language-server: $schema=http://localhost:8080/api/v1/schema/workflow.json}.
 */
@RestController
public class SchemaController {

  private final byte[] schema;

  public SchemaController() {
    try (InputStream in =
        WorkflowParser.class.getResourceAsStream(WorkflowParser.JSON_SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the DSL jar has no " + WorkflowParser.JSON_SCHEMA_RESOURCE);
      }
      schema = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping(path = "/api/v1/schema/workflow.json", produces = MediaType.APPLICATION_JSON_VALUE)
  public byte[] workflowSchema() {
    return schema;
  }
}
