package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.expr.Bindings;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.RetryPolicy;
import io.ordo.dsl.model.WorkflowDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkflowParserTest {

  private final WorkflowParser parser = new WorkflowParser();

  @Test
  void readsTheSpecExampleWithEffectiveSettingsOnEveryStep() {
    WorkflowDefinition workflow =
        valid(Corpus.read(Path.of("src/test/resources/workflows/valid/order-fulfillment.yaml")));

    assertThat(workflow.name()).isEqualTo("order-fulfillment");
    assertThat(workflow.timeout()).isEqualTo(Duration.ofHours(1));
    assertThat(workflow.steps())
        .extracting(s -> ((FunctionStep) s).function())
        .containsExactly("payments.validate", "inventory.reserve", "email.send");
    FunctionStep validate = (FunctionStep) workflow.step("validatePayment").orElseThrow();
    assertThat(validate.retry())
        .isEqualTo(
            new RetryPolicy(
                5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.2, Set.of("CardDeclined")));
    assertThat(validate.compensate().function()).isEqualTo("payments.refund");
    assertThat(((FunctionStep) workflow.steps().get(2)).compensate()).isNull();
  }

  @Test
  void evaluatesTheSpecExampleTemplatesAgainstARun() {
    WorkflowDefinition workflow =
        valid(Corpus.read(Path.of("src/test/resources/workflows/valid/order-fulfillment.yaml")));
    Bindings bindings =
        new Bindings(
            TestBindings.json(
                "{\"orderId\":\"o-1\",\"amount\":12.5,\"email\":\"a@b.c\",\"items\":[\"x\"]}"),
            Map.of("validatePayment", TestBindings.json("{\"paymentId\":\"p-7\"}")),
            TestBindings.json("{\"id\":\"r-1\",\"workflow\":\"order-fulfillment\",\"version\":1}"));

    FunctionStep validate = (FunctionStep) workflow.steps().getFirst();
    FunctionStep confirm = (FunctionStep) workflow.steps().get(2);

    assertThat(validate.input().evaluate(bindings))
        .isEqualTo(TestBindings.json("{\"orderId\":\"o-1\",\"amount\":12.5}"));
    assertThat(validate.compensate().input().evaluate(bindings))
        .isEqualTo(TestBindings.json("{\"paymentId\":\"p-7\"}"));
    assertThat(confirm.input().evaluate(bindings))
        .isEqualTo(TestBindings.json("{\"to\":\"a@b.c\",\"template\":\"order-confirmed\"}"));
    assertThat(workflow.output().evaluate(bindings))
        .isEqualTo(TestBindings.json("{\"paymentId\":\"p-7\"}"));
  }

  @Test
  void checksTheRunInputAgainstTheDeclaredSchema() {
    WorkflowDefinition workflow =
        valid(Corpus.read(Path.of("src/test/resources/workflows/valid/order-fulfillment.yaml")));

    List<String> problems =
        workflow
            .inputSchema()
            .problemsWith(TestBindings.json("{\"orderId\":\"o-1\",\"amount\":1}"));

    assertThat(problems).containsExactlyInAnyOrder("/email: is required", "/items: is required");
  }

  @Test
  void reportsEveryViolationAtOnceInDocumentOrder() {
    ParseResult result =
        parser.parse(
            """
            name: Bad_Name
            timeout: soon
            steps:
              - id: a
                function: svc.a
                retrys: {}
                input: {x: "${ steps.b.output }"}
              - id: b
                function: Svc
                retry: {maxAttempts: three}
            """);

    assertThat(((ParseResult.Invalid) result).violations())
        .extracting(Violation::path)
        .containsExactly(
            "name",
            "timeout",
            "steps[0].retrys",
            "steps[0].input.x",
            "steps[1].function",
            "steps[1].retry.maxAttempts");
  }

  @Test
  void acceptsUnquotedExpressionsWhereYamlWouldReadBracesAndCommas() {
    WorkflowDefinition workflow =
        valid(
            """
            name: unquoted
            steps:
              - id: a
                function: svc.a
                input: {total: ${ input.prices.map(p, p * 2) }, label: ${ input.vip ? 'gold, first' : 'none' }, n: 1}
                retry: {maxAttempts: 2}
            """);
    Bindings bindings =
        new Bindings(
            TestBindings.json("{\"prices\":[1,2],\"vip\":true}"),
            Map.of(),
            TestBindings.json("{}"));

    assertThat(workflow.steps().getFirst())
        .isInstanceOfSatisfying(
            FunctionStep.class,
            step -> {
              assertThat(step.input().evaluate(bindings))
                  .isEqualTo(
                      TestBindings.json("{\"total\":[2,4],\"label\":\"gold, first\",\"n\":1}"));
              assertThat(step.retry().maxAttempts()).isEqualTo(2);
            });
  }

  @Test
  void pointsAtTheExpressionInsideAFlowMapping() {
    ParseResult result =
        parser.parse(
            """
            name: x
            steps:
              - id: a
                function: svc.a
                input: {ok: 1, bad: ${ input.x + }}
            """);

    assertThat(((ParseResult.Invalid) result).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("steps[0].input.bad");
              assertThat(v.line()).isEqualTo(5);
              assertThat(v.column()).isEqualTo(25);
              assertThat(v.message()).startsWith("expression 'input.x +' does not compile");
            });
  }

  @Test
  void rejectsAnAliasBombInsteadOfExpandingIt() {
    StringBuilder yaml = new StringBuilder("name: bomb\na0: &a0 [x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      yaml.append("a")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [")
          .append(
              String.join(
                  ", ", List.of("*a" + (i - 1), "*a" + (i - 1), "*a" + (i - 1), "*a" + (i - 1))))
          .append("]\n");
    }
    yaml.append("steps: [{id: a, function: f, input: *a8}]\n");

    ParseResult result = parser.parse(yaml.toString());

    assertThat(((ParseResult.Invalid) result).violations())
        .anySatisfy(
            v -> assertThat(v.message()).contains("too large once its aliases are expanded"));
  }

  @Test
  void rejectsADocumentOverTheSizeLimitWithOneViolation() {
    String yaml = "name: big\ndescription: " + "x".repeat(YamlDocument.MAX_CODE_POINTS) + "\n";

    ParseResult result = parser.parse(yaml);

    assertThat(((ParseResult.Invalid) result).violations())
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("longer than 1000000 characters"));
  }

  @Test
  void reportsAControlCharacterAtItsLineAndColumn() {
    ParseResult result = parser.parse("name: ok\nsteps:\n  - id: a\u0001\n");

    assertThat(((ParseResult.Invalid) result).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.line()).isEqualTo(3);
              assertThat(v.column()).isEqualTo(10);
              assertThat(v.message()).contains("U+0001");
            });
  }

  private WorkflowDefinition valid(String yaml) {
    ParseResult result = parser.parse(yaml);
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    return ((ParseResult.Valid) result).workflow();
  }
}
