package io.ordo.embedded;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server starting on a thread of its own, so that PostgreSQL, Kafka and the application that uses
 * them come up at the same time instead of one after the other.
 *
 * <p>{@link #await} hands the started server over; whoever gets it closes it. {@link #close} stops
 * the server whether or not it was handed over (closing a server twice does nothing), waiting for a
 * start in progress to finish first, so a failed application start never leaves a server running.
 */
public final class StartingServer<T extends AutoCloseable> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StartingServer.class);

  private final String name;
  private final CompletableFuture<T> started = new CompletableFuture<>();

  private StartingServer(String name) {
    this.name = name;
  }

  /** Runs {@code start} on a new platform thread named {@code ordo-start-<name>}. */
  public static <T extends AutoCloseable> StartingServer<T> start(String name, Supplier<T> start) {
    StartingServer<T> server = new StartingServer<>(name);
    Thread.ofPlatform()
        .name("ordo-start-" + name)
        .start(
            () -> {
              try {
                server.started.complete(start.get());
              } catch (Throwable e) {
                server.started.completeExceptionally(e);
              }
            });
    return server;
  }

  public static StartingServer<EmbeddedPostgresServer> postgres(Path dataDirectory, int port) {
    return start("postgres", () -> EmbeddedPostgresServer.start(dataDirectory, port));
  }

  public static StartingServer<EmbeddedKafkaServer> kafka(Path logDirectory, int port) {
    return start("kafka", () -> EmbeddedKafkaServer.start(logDirectory, port));
  }

  /** Waits until the server is up and returns it; a failed start is rethrown here. */
  public T await() {
    try {
      return started.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException("could not start " + name, e.getCause());
    }
  }

  /** Stops the server once it is up; does nothing if it never started. */
  @Override
  public void close() throws Exception {
    T server;
    try {
      server = started.get();
    } catch (ExecutionException failedToStart) {
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Interrupted while waiting for {} to start; it may keep running", name);
      return;
    }
    server.close();
  }
}
