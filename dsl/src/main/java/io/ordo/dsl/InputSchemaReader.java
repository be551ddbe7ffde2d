package io.ordo.dsl;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.ordo.dsl.model.InputSchema;
import java.io.FileNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code input: {schema: …}}: checks the schema against its meta-schema (draft 2020-12 unless
 * it names another with {@code $schema}), so a mistyped keyword value is reported at its line, then
 * compiles it. Remote {@code $ref}s are not fetched: deploying must not do network I/O.
 */
final class InputSchemaReader {

  private static final SpecificationVersion DEFAULT_DRAFT = SpecificationVersion.DRAFT_2020_12;

  /** Only ever asked for the bundled meta-schemas, so sharing it caches nothing of users'. */
  private static final SchemaRegistry META_SCHEMAS =
      SchemaRegistry.withDefaultDialect(DEFAULT_DRAFT);

  /** Initialized once each, before first use: a schema resolves its validators lazily otherwise. */
  private static final Map<SpecificationVersion, Schema> META_SCHEMA_BY_DRAFT =
      new ConcurrentHashMap<>();

  private final Violations violations;

  InputSchemaReader(Violations violations) {
    this.violations = violations;
  }

  /** {@link InputSchema#ANY} when there is no schema; null after a violation. */
  @Nullable InputSchema read(@Nullable Node input) {
    if (input == null) {
      return InputSchema.ANY;
    }
    YamlMap map = YamlMap.read(input, "input", "input", violations);
    if (map == null) {
      return null;
    }
    map.rejectUnknownKeys(List.of("schema"));
    Node schemaNode = map.get("schema");
    if (schemaNode == null) {
      return InputSchema.ANY;
    }
    JsonNode schema = new YamlJson(violations).convert(schemaNode, "input.schema");
    if (schema == null) {
      return null;
    }
    if (!schema.isObject() && !schema.isBoolean()) {
      violations.add(
          "input.schema",
          schemaNode,
          "schema must be a JSON Schema, such as "
              + "{type: object, required: [orderId]}, got "
              + Scalars.describe(schemaNode));
      return null;
    }
    return compile(schema, schemaNode);
  }

  private @Nullable InputSchema compile(JsonNode schema, Node schemaNode) {
    Optional<SpecificationVersion> draft = draft(schema, schemaNode);
    if (draft.isEmpty()) {
      return null;
    }
    Schema meta = META_SCHEMA_BY_DRAFT.computeIfAbsent(draft.get(), InputSchemaReader::metaSchema);
    List<Error> errors = meta.validate(schema);
    errors.forEach(
        error ->
            reportAt(
                error.getInstanceLocation().toString(),
                schemaNode,
                "not a valid JSON Schema: " + error.getMessage()));
    if (!errors.isEmpty()) {
      return null;
    }
    try {
      // A registry per schema: registries cache by $id, and two workflows may reuse one.
      Schema compiled = SchemaRegistry.withDefaultDialect(DEFAULT_DRAFT).getSchema(schema);
      compiled.initializeValidators(); // now, so a bad $ref or pattern fails the deploy, not a run
      return new JsonSchemaInput(compiled);
    } catch (RuntimeException e) {
      // The validator reports an uncompilable schema with assorted unchecked exceptions.
      violations.add("input.schema", schemaNode, "the schema cannot be compiled: " + reason(e));
      return null;
    }
  }

  private static String reason(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof FileNotFoundException missing) {
        return "$ref "
            + missing.getMessage()
            + " cannot be resolved; schemas are never fetched"
            + " from elsewhere, so put it under $defs and refer to it as #/$defs/…";
      }
    }
    return e.getMessage();
  }

  private static Schema metaSchema(SpecificationVersion draft) {
    Schema meta = META_SCHEMAS.getSchema(SchemaLocation.of(draft.getDialectId()));
    meta.initializeValidators();
    return meta;
  }

  private Optional<SpecificationVersion> draft(JsonNode schema, Node schemaNode) {
    JsonNode declared = schema.isObject() ? schema.get("$schema") : null;
    if (declared == null) {
      return Optional.of(DEFAULT_DRAFT);
    }
    Optional<SpecificationVersion> draft =
        declared.isString()
            ? SpecificationVersion.fromDialectId(declared.stringValue())
            : Optional.empty();
    if (draft.isEmpty()) {
      reportAt(
          "/$schema",
          schemaNode,
          "unknown $schema "
              + declared
              + "; leave it out for draft 2020-12, or name a JSON Schema draft from 4 to 2020-12");
    }
    return draft;
  }

  private void reportAt(String pointer, Node schemaNode, String message) {
    YamlPointer.Located at = YamlPointer.locate(schemaNode, "input.schema", pointer);
    violations.add(at.path(), at.node(), message);
  }
}
