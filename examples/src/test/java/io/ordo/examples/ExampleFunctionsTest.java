package io.ordo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.worker.OrdoWorker;
import org.junit.jupiter.api.Test;

class ExampleFunctionsTest {

  @Test
  void namesEveryExampleFunction() {
    assertThat(ExampleFunctions.names())
        .containsExactly(
            "payments.validate",
            "payments.refund",
            "inventory.reserve",
            "inventory.release",
            "email.send",
            "demo.echo",
            "demo.sleep");
  }

  @Test
  void registersEveryExampleFunctionOnAWorker() {
    OrdoWorker.Builder builder = OrdoWorker.builder("localhost:9092");

    ExampleFunctions.registerAll(builder);

    try (OrdoWorker worker = builder.build()) {
      assertThat(worker.functions()).containsExactlyInAnyOrderElementsOf(ExampleFunctions.names());
    }
  }
}
