package io.ordo.examples;

import static io.ordo.examples.FakeStepContext.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordo.worker.StepFailure;
import org.junit.jupiter.api.Test;

class DemoFunctionsTest {

  @Test
  void echoesItsInput() {
    var context = FakeStepContext.of("{\"anything\": [1, \"two\", {\"three\": null}]}");

    assertThat(DemoFunctions.echo(context)).isEqualTo(context.input());
  }

  @Test
  void sleepsForTheGivenMillisAndSaysHowLong() throws Exception {
    long before = System.nanoTime();

    var output = DemoFunctions.sleep(FakeStepContext.of("{\"millis\": 20}"));

    assertThat(output).isEqualTo(json("{\"slept\": 20}"));
    assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(20_000_000L);
  }

  @Test
  void refusesANegativeSleep() {
    assertThatThrownBy(() -> DemoFunctions.sleep(FakeStepContext.of("{\"millis\": -1}")))
        .isInstanceOfSatisfying(
            StepFailure.class, failure -> assertThat(failure.type()).isEqualTo("InvalidInput"));
  }
}
