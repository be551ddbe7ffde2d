package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.nodes.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published JSON Schema of the DSL agrees with the parser on the corpus. */
class WorkflowSchemaTest {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  static Stream<Path> validFiles() {
    return Corpus.valid();
  }

  @Test
  void isItselfAValidDraft202012Schema() throws IOException {
    Schema meta =
        REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

    List<Error> errors = meta.validate(dslSchemaJson());

    assertThat(errors).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void acceptsEveryValidCorpusFile(Path file) throws IOException {
    JsonNode workflow = asJson(Corpus.read(file));

    List<Error> errors = dslSchema().validate(workflow);

    assertThat(errors).isEmpty();
  }

  @Test
  void flagsAMisspeltStepKeyAsEditorsShould() throws IOException {
    JsonNode workflow = asJson("name: a\nsteps:\n  - id: a\n    function: svc.a\n    retrys: {}\n");

    List<Error> errors = dslSchema().validate(workflow);

    assertThat(errors).extracting(e -> e.getInstanceLocation().toString()).contains("/steps/0");
  }

  @Test
  void flagsAMalformedDurationAsEditorsShould() throws IOException {
    JsonNode workflow = asJson("name: a\ntimeout: 1 hour\nsteps:\n  - {id: a, function: svc.a}\n");

    List<Error> errors = dslSchema().validate(workflow);

    assertThat(errors).extracting(e -> e.getInstanceLocation().toString()).contains("/timeout");
  }

  @Test
  void flagsAKeyOfAnotherKindInANestedStepAsEditorsShould() throws IOException {
    JsonNode workflow =
        asJson(
            """
            name: a
            steps:
              - id: both
                parallel:
                  - steps:
                      - {id: a, function: svc.a, maxConcurrency: 5}
            """);

    List<Error> errors = dslSchema().validate(workflow);

    assertThat(errors)
        .extracting(e -> e.getInstanceLocation().toString())
        .anySatisfy(location -> assertThat(location).startsWith("/steps/0"));
  }

  @Test
  void flagsAStepWithTwoKindsOrNoneAsEditorsShould() throws IOException {
    JsonNode twoKinds = asJson("name: a\nsteps:\n  - {id: a, function: svc.a, wait: 10s}\n");
    JsonNode noKind = asJson("name: a\nsteps:\n  - {id: a, input: {}}\n");

    assertThat(dslSchema().validate(twoKinds)).isNotEmpty();
    assertThat(dslSchema().validate(noKind)).isNotEmpty();
  }

  @Test
  void flagsRetryOnAStepWithoutAttemptsAsEditorsShould() throws IOException {
    JsonNode workflow =
        asJson("name: a\nsteps:\n  - {id: a, wait: 10s, retry: {maxAttempts: 2}}\n");

    assertThat(dslSchema().validate(workflow)).isNotEmpty();
  }

  private static Schema dslSchema() throws IOException {
    Schema schema = REGISTRY.getSchema(dslSchemaJson());
    schema.initializeValidators();
    return schema;
  }

  private static JsonNode dslSchemaJson() throws IOException {
    try (InputStream in =
        WorkflowParser.class.getResourceAsStream(WorkflowParser.JSON_SCHEMA_RESOURCE)) {
      assertThat(in).as("schema resource").isNotNull();
      return JsonMapper.builder().build().readTree(in);
    }
  }

  /** Loads YAML the way the parser does, unquoted expressions included, and turns it into JSON. */
  private static JsonNode asJson(String yaml) {
    Violations violations = new Violations();
    Node root = YamlDocument.load(yaml, violations);
    JsonNode json = root == null ? null : new YamlJson(violations).convert(root, "");
    assertThat(violations.inDocumentOrder()).isEmpty();
    return json;
  }
}
