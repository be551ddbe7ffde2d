package io.ordo.orchestrator.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for the servers a test starts in processes of their own. A port the OS picked for a socket
 * of ours and released ({@code new ServerSocket(0)}) may be handed out again at once, to another
 * server of the same test or to any outgoing connection: then a server cannot bind, or worse, a
 * readiness check is answered by another server on that port. These come instead from a counter
 * below the OS's ephemeral range (32768 and up on Linux), so no two in this JVM are the same and
 * the OS never picks them on its own; one that something else holds is skipped.
 */
final class TestPorts {

  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final AtomicInteger NEXT =
      new AtomicInteger(FIRST + ThreadLocalRandom.current().nextInt(LAST - FIRST));

  private TestPorts() {}

  static int next() {
    for (int tries = 0; tries < LAST - FIRST; tries++) {
      int port = FIRST + Math.floorMod(NEXT.getAndIncrement() - FIRST, LAST - FIRST);
      if (isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port from " + FIRST + " to " + LAST);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
