package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ordo.dsl.model.InputSchema;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InputSchemaTest {

  private final WorkflowParser parser = new WorkflowParser();

  @Test
  void namesEachProblemByItsJsonPointer() {
    InputSchema schema =
        schema(
            """
            type: object
            required: [orderId, amount]
            properties:
              amount: {type: number}
              items: {type: array, items: {type: string}}
            """);

    List<String> problems =
        schema.problemsWith(TestBindings.json("{\"amount\":\"ten\",\"items\":[\"a\",2]}"));

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "/orderId: is required",
            "/amount: string found, number expected",
            "/items/1: integer found, string expected");
  }

  @Test
  void acceptsInputThatFitsTheSchema() {
    InputSchema schema = schema("type: object\nrequired: [id]\n");

    assertThat(schema.problemsWith(TestBindings.json("{\"id\":1}"))).isEmpty();
  }

  @Test
  void reportsAProblemWithTheWholeInputAtTheRoot() {
    InputSchema schema = schema("type: object\n");

    assertThat(schema.problemsWith(TestBindings.json("[1]")))
        .singleElement()
        .asString()
        .startsWith("(root): ");
  }

  @Test
  void usesDraft202012UnlessTheSchemaSaysOtherwise() {
    // prefixItems exists only in 2020-12: under draft-07 it is an unknown keyword and is ignored.
    InputSchema modern = schema("type: array\nprefixItems: [{type: string}]\n");
    InputSchema draft7 =
        schema(
            "$schema: http://json-schema.org/draft-07/schema#\n"
                + "type: array\n"
                + "prefixItems: [{type: string}]\n");

    assertThat(modern.problemsWith(TestBindings.json("[1]"))).hasSize(1);
    assertThat(draft7.problemsWith(TestBindings.json("[1]"))).isEmpty();
  }

  @Test
  void acceptsAnyInputWhenNoSchemaIsDeclared() {
    ParseResult result = parser.parse("name: x\nsteps:\n  - {id: a, function: f}\n");

    assertThat(((ParseResult.Valid) result).workflow().inputSchema()).isSameAs(InputSchema.ANY);
  }

  @Test
  void rejectsASchemaThatCannotBeCompiled() {
    ParseResult result =
        parser.parse(
            """
            name: x
            input:
              schema: {type: string, pattern: "["}
            steps:
              - {id: a, function: f}
            """);

    assertThat(((ParseResult.Invalid) result).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("input.schema");
              assertThat(v.message()).startsWith("the schema cannot be compiled");
            });
  }

  @Test
  void neverFetchesARemoteReference() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = "{\"type\": \"string\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/order.json";

      ParseResult result =
          parser.parse(
              "name: x\ninput:\n  schema: {$ref: \""
                  + url
                  + "\"}\nsteps:\n  - {id: a, function: f}\n");

      assertThat(requests).hasValue(0);
      assertThat(((ParseResult.Invalid) result).violations())
          .singleElement()
          .satisfies(v -> assertThat(v.message()).contains(url).contains("#/$defs/"));
    } finally {
      server.stop(0);
    }
  }

  private InputSchema schema(String schemaYaml) {
    String indented =
        schemaYaml.lines().map(line -> "    " + line).reduce("", (a, b) -> a + b + "\n");
    ParseResult result =
        parser.parse(
            "name: x\ninput:\n  schema:\n" + indented + "steps:\n  - {id: a, function: f}\n");
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    return ((ParseResult.Valid) result).workflow().inputSchema();
  }
}
