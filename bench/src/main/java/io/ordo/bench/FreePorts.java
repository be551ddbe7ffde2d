package io.ordo.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports nothing listens on right now (never the shared machine's 8080 or 9092). */
final class FreePorts {

  private FreePorts() {}

  static int one() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A port whose successor is free too (a broker listener and its controller listener). */
  static int pair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = one();
      if (port < 65_535 && isFree(port + 1)) {
        return port;
      }
    }
    throw new IOException("found no two adjacent free ports");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
