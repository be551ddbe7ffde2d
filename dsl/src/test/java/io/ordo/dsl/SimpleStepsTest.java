package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.expr.Bindings;
import io.ordo.dsl.model.FailStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.SucceedStep;
import io.ordo.dsl.model.WaitForSignalStep;
import io.ordo.dsl.model.WaitStep;
import io.ordo.dsl.model.WorkflowStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model built for wait, waitForSignal, workflow, fail and succeed steps. */
class SimpleStepsTest {

  private final WorkflowParser parser = new WorkflowParser();

  @Test
  void readsAWaitAsADurationOrATimeToWaitUntil() {
    List<Step> steps =
        steps(
            """
            name: waiting
            steps:
              - {id: coolOff, wait: 1m30s}
              - {id: untilDelivery, wait: {until: "${ input.deliverAt }"}}
              - {id: untilNewYear, wait: {until: 2030-01-01T00:00:00Z}}
            """);

    WaitStep coolOff = (WaitStep) steps.get(0);
    WaitStep untilDelivery = (WaitStep) steps.get(1);
    WaitStep untilNewYear = (WaitStep) steps.get(2);

    assertThat(coolOff.duration()).isEqualTo(Duration.ofSeconds(90));
    assertThat(coolOff.until()).isNull();
    assertThat(untilDelivery.duration()).isNull();
    assertThat(
            untilDelivery
                .until()
                .evaluate(bindings("{\"deliverAt\": \"2030-05-01T08:00:00Z\"}"))
                .stringValue())
        .isEqualTo("2030-05-01T08:00:00Z");
    assertThat(untilNewYear.until().evaluate(bindings("{}")).stringValue())
        .isEqualTo("2030-01-01T00:00:00Z");
  }

  @Test
  void readsASignalNameAndAnOptionalTimeout() {
    List<Step> steps =
        steps(
            """
            name: approval
            steps:
              - {id: approval, waitForSignal: managerApproval, timeout: 1d}
              - {id: forever, waitForSignal: order.paid-v2}
            """);

    assertThat(((WaitForSignalStep) steps.get(0)).signal()).isEqualTo("managerApproval");
    assertThat(steps.get(0).options().timeout()).isEqualTo(Duration.ofDays(1));
    assertThat(steps.get(1).options().timeout()).isNull();
  }

  @Test
  void readsAChildWorkflowWithAnOptionalVersionAndItsInput() {
    List<Step> steps =
        steps(
            """
            name: parent
            steps:
              - id: ship
                workflow: shipping
                version: 2
                input: {orderId: "${ input.orderId }"}
              - {id: invoice, workflow: billing}
            """);

    WorkflowStep ship = (WorkflowStep) steps.get(0);
    WorkflowStep invoice = (WorkflowStep) steps.get(1);

    assertThat(ship.workflow()).isEqualTo("shipping");
    assertThat(ship.version()).isEqualTo(2);
    assertThat(ship.input().evaluate(bindings("{\"orderId\": \"o-1\"}")))
        .isEqualTo(TestBindings.json("{\"orderId\": \"o-1\"}"));
    assertThat(invoice.version()).isNull();
    assertThat(invoice.input().evaluate(bindings("{}"))).isEqualTo(TestBindings.json("{}"));
  }

  @Test
  void readsAFailWithItsErrorTypeAndAMessageThatDefaultsToEmpty() {
    List<Step> steps =
        steps(
            """
            name: rejecting
            steps:
              - id: reject
                fail: {error: OrderRejected, message: "amount ${ input.amount } too high"}
              - {id: bare, fail: {error: acme.Blocked}}
              - {id: numbered, fail: {error: E_404, message: 404}}
            """);

    FailStep reject = (FailStep) steps.get(0);

    assertThat(reject.error()).isEqualTo("OrderRejected");
    assertThat(reject.message().evaluate(bindings("{\"amount\": 5000}")).stringValue())
        .isEqualTo("amount 5000 too high");
    assertThat(((FailStep) steps.get(1)).message().evaluate(bindings("{}")).stringValue())
        .isEmpty();
    assertThat(((FailStep) steps.get(2)).message().evaluate(bindings("{}")).isString()).isTrue();
  }

  @Test
  void readsASucceedWithOrWithoutAnOutput() {
    List<Step> steps =
        steps(
            """
            name: succeeding
            steps:
              - {id: withOutput, succeed: {output: {total: "${ input.total }"}}}
              - {id: empty, succeed: {}}
              - id: bare
                succeed:
            """);

    assertThat(((SucceedStep) steps.get(0)).output().evaluate(bindings("{\"total\": 3}")))
        .isEqualTo(TestBindings.json("{\"total\": 3}"));
    assertThat(((SucceedStep) steps.get(1)).output()).isNull();
    assertThat(((SucceedStep) steps.get(2)).output()).isNull();
  }

  private static Bindings bindings(String input) {
    return new Bindings(TestBindings.json(input), Map.of(), TestBindings.json("{}"));
  }

  private List<Step> steps(String yaml) {
    ParseResult result = parser.parse(yaml);
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    return ((ParseResult.Valid) result).workflow().steps();
  }
}
