package io.ordo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartingServerTest {

  private static final class FakeServer implements AutoCloseable {
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @Test
  void handsOverTheServerItStartedOnAnotherThread() {
    var startedOn = new String[1];
    var starting =
        StartingServer.start(
            "fake",
            () -> {
              startedOn[0] = Thread.currentThread().getName();
              return new FakeServer();
            });

    FakeServer server = starting.await();

    assertThat(server).isNotNull();
    assertThat(startedOn[0]).isEqualTo("ordo-start-fake");
  }

  @Test
  void rethrowsAFailedStartToWhoeverAwaitsIt() throws Exception {
    var starting =
        StartingServer.<FakeServer>start(
            "broken",
            () -> {
              throw new IllegalStateException("port in use");
            });

    assertThatThrownBy(starting::await)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("port in use");
    starting.close(); // nothing to stop
  }

  @Test
  void stopsAServerThatWasNeverHandedOverOnceItIsUp() throws Exception {
    var release = new CountDownLatch(1);
    var server = new FakeServer();
    var starting =
        StartingServer.start(
            "slow",
            () -> {
              awaitQuietly(release);
              return server;
            });

    release.countDown();
    starting.close();

    assertThat(server.closes).hasValue(1);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
