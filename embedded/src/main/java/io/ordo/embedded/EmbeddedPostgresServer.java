package io.ordo.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server (zonky's binaries) whose data survives restarts in a directory of the
 * caller's choice.
 *
 * <p>The server runs as a separate operating-system process. {@link #close()} stops it; no JVM
 * shutdown hook does, because hooks run in no particular order and the database must outlive the
 * application shutting down on top of it (Spring closes this bean last). If the JVM dies without
 * closing it, the next {@link #start} on the same directory stops the orphaned server first.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";
  // The first start unpacks the binaries and runs initdb; on two slow cores that takes several
  // seconds.
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  private static final Map<Path, EmbeddedPostgresServer> OPEN = new ConcurrentHashMap<>();

  private final Closeable server;
  private final int port;
  private final Path dataDirectory;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgresServer(Closeable server, int port, Path dataDirectory) {
    this.server = server;
    this.port = port;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory}, creating the cluster (initdb) only when the
   * directory holds none.
   *
   * @param port the TCP port on localhost, or 0 to pick a free one
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
    return start(dataDirectory, port, Map.of());
  }

  /**
   * As {@link #start(Path, int)}, with server settings of the caller's on top of Ordo's (for
   * example {@code shared_preload_libraries} for a benchmark's statistics).
   */
  public static EmbeddedPostgresServer start(
      Path dataDirectory, int port, Map<String, String> serverConfig) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    closeForgottenInstance(directory);
    Optional<OrphanedPostmaster> orphan = OrphanedPostmaster.find(directory);
    Optional<AdoptedPostmaster> adopted =
        orphan.flatMap(o -> AdoptedPostmaster.takeOver(o, directory, port));
    long startedAt = System.nanoTime();
    EmbeddedPostgresServer server;
    if (adopted.isPresent()) {
      server = new EmbeddedPostgresServer(adopted.get(), adopted.get().port(), directory);
    } else {
      orphan.ifPresent(OrphanedPostmaster::stop);
      startedAt = System.nanoTime();
      EmbeddedPostgres postgres = launch(directory, port, serverConfig);
      server = new EmbeddedPostgresServer(postgres, postgres.getPort(), directory);
    }
    OPEN.put(directory, server);
    log.info(
        "PostgreSQL started on {} with data in {} ({} ms{})",
        server.jdbcUrl(),
        directory,
        Duration.ofNanos(System.nanoTime() - startedAt).toMillis(),
        adopted.isPresent() ? ", taken over from an earlier run" : "");
    return server;
  }

  private static EmbeddedPostgres launch(
      Path directory, int port, Map<String, String> serverConfig) {
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPort(FreePort.resolve(port))
              .setPGStartupWait(STARTUP_WAIT)
              .setServerConfig("max_connections", "200")
              .setServerConfig("fsync", "on")
              // zonky turns synchronous_commit off for speed; the transactional outbox needs a
              // commit
              // to be durable.
              .setServerConfig("synchronous_commit", "on")
              // Server logs go to files in the data directory rather than through the JVM, whose
              // pipe
              // dies with it while the server lives on.
              .setServerConfig("logging_collector", "on")
              .setServerConfig("log_directory", "log")
              .setServerConfig("log_filename", "postgresql-%a.log")
              .setServerConfig("log_truncate_on_rotation", "on");
      serverConfig.forEach(builder::setServerConfig);
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start PostgreSQL in " + directory, e);
    }
  }

  /**
   * A forgotten, still-open instance in this JVM holds the directory's lock; closing it frees the
   * directory.
   */
  private static void closeForgottenInstance(Path directory) {
    EmbeddedPostgresServer forgotten = OPEN.get(directory);
    if (forgotten != null) {
      log.warn(
          "PostgreSQL on {} was never closed; closing it before starting a new server", directory);
      forgotten.close();
    }
  }

  /** The JDBC URL of the {@code postgres} database, without credentials. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:%d/%s".formatted(port, DATABASE);
  }

  public String username() {
    return USER;
  }

  /**
   * Any password is accepted: the server only listens on localhost and trusts local connections.
   */
  public String password() {
    return USER;
  }

  public int port() {
    return port;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /**
   * Stops the server (fast shutdown: sessions end, a checkpoint is written). Calling it again does
   * nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    OPEN.remove(dataDirectory, this);
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop PostgreSQL in " + dataDirectory, e);
    }
  }
}
