package io.ordo.embedded;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A postmaster that a killed JVM left running, taken over by the next start on the same data
 * directory instead of being stopped and started again: it lost nothing (every commit is in it; the
 * dead JVM's sessions ended with their connections), and stopping it cleanly, then starting it,
 * took 2-3 s of a restart after {@code kill -9}. See docs/adr/0005.
 *
 * <p>It holds the same lock on the directory as zonky's {@code EmbeddedPostgres}, so two JVMs never
 * share a server, and closing it stops the postmaster (fast shutdown).
 */
final class AdoptedPostmaster implements Closeable {

  private static final Logger log = LoggerFactory.getLogger(AdoptedPostmaster.class);
  private static final String LOCK_FILE = "epg-lock"; // the file zonky's EmbeddedPostgres locks
  private static final int CONNECT_TIMEOUT_MILLIS = 500;

  private final OrphanedPostmaster postmaster;
  private final int port;
  private final FileChannel lockFile;
  private final FileLock lock;

  private AdoptedPostmaster(
      OrphanedPostmaster postmaster, int port, FileChannel lockFile, FileLock lock) {
    this.postmaster = postmaster;
    this.port = port;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /**
   * Takes {@code orphan} over if it is ready on the requested port (any, when 0) and accepts
   * connections; otherwise it is better stopped and a server started afresh.
   *
   * @throws IllegalStateException if another running process holds the directory
   */
  static Optional<AdoptedPostmaster> takeOver(
      OrphanedPostmaster orphan, Path dataDirectory, int requestedPort) {
    Optional<Integer> port =
        orphan
            .readyPort()
            .filter(p -> requestedPort == 0 || requestedPort == p)
            .filter(AdoptedPostmaster::acceptsConnections);
    if (port.isEmpty()) {
      return Optional.empty();
    }
    try {
      FileChannel lockFile =
          FileChannel.open(
              dataDirectory.resolve(LOCK_FILE),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock = lockFile.tryLock();
      if (lock == null) {
        lockFile.close();
        throw new IllegalStateException(
            "PostgreSQL in " + dataDirectory + " is in use by another running process");
      }
      log.warn(
          "PostgreSQL (pid {}) from an earlier run that was not shut down is still running on port"
              + " {}; taking it over",
          orphan.pid(),
          port.get());
      return Optional.of(new AdoptedPostmaster(orphan, port.get(), lockFile, lock));
    } catch (IOException e) {
      throw new UncheckedIOException("could not lock " + dataDirectory.resolve(LOCK_FILE), e);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return postmaster.pid();
  }

  private static boolean acceptsConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the postmaster (fast shutdown, as zonky's close does) and frees the directory. */
  @Override
  public void close() throws IOException {
    try {
      postmaster.shutDown();
    } finally {
      try {
        lock.release();
      } finally {
        lockFile.close();
      }
    }
  }
}
