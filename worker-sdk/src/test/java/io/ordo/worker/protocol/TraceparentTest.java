package io.ordo.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceparentTest {

  private static final String HEADER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void readsAndWritesTheW3cHeader() {
    Traceparent traceparent = Traceparent.parse(HEADER).orElseThrow();

    assertThat(traceparent)
        .isEqualTo(new Traceparent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true));
    assertThat(traceparent.header()).isEqualTo(HEADER);
  }

  @Test
  void continuesTheTraceWithANewParentSpan() {
    Traceparent parent = Traceparent.parse(HEADER).orElseThrow();

    Traceparent child = parent.child(new SplittableRandom(1));

    assertThat(child.traceId()).isEqualTo(parent.traceId());
    assertThat(child.parentId()).hasSize(16).isNotEqualTo(parent.parentId());
    assertThat(child.sampled()).isTrue();
  }

  @Test
  void startsNewTracesThatItCanReadBack() {
    Traceparent trace = Traceparent.newTrace(new SplittableRandom(7));

    assertThat(Traceparent.parse(trace.header())).contains(trace);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
      })
  void ignoresHeadersThatAreNotValidTraceparents(String header) {
    assertThat(Traceparent.parse(header)).isEmpty();
  }

  @Test
  void acceptsLaterVersionsWithExtraFields() {
    assertThat(Traceparent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-extra"))
        .hasValueSatisfying(trace -> assertThat(trace.sampled()).isFalse());
  }
}
