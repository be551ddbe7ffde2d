package io.ordo.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a TCP port on the loopback interface that nothing listens on right now. */
final class FreePort {

  private FreePort() {}

  /** Returns {@code requested} unless it is 0, in which case the operating system picks one. */
  static int resolve(int requested) {
    if (requested < 0 || requested > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + requested);
    }
    return requested != 0 ? requested : pick();
  }

  /** A free port other than {@code taken} (the OS may hand out a just-closed port again). */
  static int pickOtherThan(int taken) {
    for (int tries = 0; tries < 20; tries++) {
      int port = pick();
      if (port != taken) {
        return port;
      }
    }
    throw new IllegalStateException("the operating system kept offering port " + taken);
  }

  static int pick() {
    // There is a short window between closing this socket and the server binding the port;
    // on a developer machine nothing races for it, which is why this simple approach is enough.
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free TCP port", e);
    }
  }
}
