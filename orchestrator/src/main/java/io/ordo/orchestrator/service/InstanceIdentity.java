package io.ordo.orchestrator.service;

import io.ordo.orchestrator.OrdoProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This orchestrator's name among the others: {@code ordo.instance-id}, else the host name and the
 * HTTP port. It stays the same across restarts, so a restarted instance takes back its Kafka
 * partitions at once (static group membership) instead of waiting for its old session to expire.
 * Two instances must never share it.
 */
@Component
public class InstanceIdentity {

  private final String id;

  public InstanceIdentity(OrdoProperties properties, @Value("${server.port:8080}") int port) {
    String configured = properties.instanceId();
    if (configured != null && !configured.isBlank()) {
      this.id = configured;
    } else {
      // A random port (tests) says nothing stable: such an instance gets a name of its own.
      this.id = host() + "-" + (port > 0 ? port : UUID.randomUUID().toString().substring(0, 8));
    }
  }

  public String id() {
    return id;
  }

  private static String host() {
    String host = System.getenv("HOSTNAME");
    if (host != null && !host.isBlank()) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
