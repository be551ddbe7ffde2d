package io.ordo.worker;

import io.ordo.worker.internal.WorkerRuntime;
import io.ordo.worker.internal.WorkerSettings;
import io.ordo.worker.protocol.Topics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs step functions for Ordo: consumes dispatches from {@code ordo.fn.<function>}, runs the
 * registered {@link StepHandler}, publishes the result to {@code ordo.results}.
 *
 * <pre>{@code
 * try (OrdoWorker worker = OrdoWorker.builder("localhost:9092")
 *         .handler("payments.validate", ctx -> validate(ctx.input()))
 *         .build()) {
 *     worker.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>By default each function has its own consumer group, {@code ordo-worker-<function>}: a
 * function's workers then scale, rebalance and show lag independently of every other function's.
 */
public final class OrdoWorker implements AutoCloseable {

  private final WorkerSettings settings;
  private @Nullable WorkerRuntime runtime;
  private boolean closed;

  private OrdoWorker(WorkerSettings settings) {
    this.settings = settings;
  }

  public static Builder builder(String bootstrapServers) {
    return new Builder(bootstrapServers);
  }

  /** Joins the consumer groups and starts handling dispatches; returns at once. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException(
          "worker " + settings.workerId() + " was closed; build a new one");
    }
    if (runtime == null) {
      runtime = WorkerRuntime.start(settings);
    }
  }

  /**
   * Shuts down gracefully: takes no new dispatches, lets running handlers finish, sends their
   * results, commits, then closes the Kafka clients. Waits at most the shutdown timeout for
   * handlers.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (runtime != null) {
      runtime.close();
    }
  }

  public String workerId() {
    return settings.workerId();
  }

  public Set<String> functions() {
    return settings.handlers().keySet();
  }

  /** Configures an {@link OrdoWorker}. */
  public static final class Builder {

    private final String bootstrapServers;
    private final Map<String, StepHandler> handlers = new LinkedHashMap<>();
    private final Map<String, Object> kafkaProperties = new HashMap<>();
    private @Nullable String workerId;
    private String topicPrefix = Topics.DEFAULT_FUNCTION_PREFIX;
    private String resultsTopic = Topics.RESULTS;
    private int concurrency = 8;
    private @Nullable String consumerGroup;
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private @Nullable String instanceId;
    private Duration startNoticeAfter = Duration.ofMillis(250);

    private Builder(String bootstrapServers) {
      this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    }

    /** Names this worker in results and logs; defaults to {@code <host>-<pid>}. */
    public Builder workerId(String workerId) {
      this.workerId = requireText(workerId, "workerId");
      return this;
    }

    /**
     * The prefix of the function topics; {@code ordo.fn.} unless the orchestrator was configured
     * otherwise.
     */
    public Builder topicPrefix(String topicPrefix) {
      this.topicPrefix = Objects.requireNonNull(topicPrefix, "topicPrefix");
      return this;
    }

    /**
     * The topic results go to; {@code ordo.results} unless the orchestrator was configured
     * otherwise.
     */
    public Builder resultsTopic(String resultsTopic) {
      this.resultsTopic = requireText(resultsTopic, "resultsTopic");
      return this;
    }

    /** How many handlers run at once, across all functions (default 8). */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    public Builder handler(String function, StepHandler handler) {
      Topics.functionTopic(topicPrefix, requireText(function, "function"));
      if (handlers.putIfAbsent(function, Objects.requireNonNull(handler, "handler")) != null) {
        throw new IllegalArgumentException(
            "a handler for '" + function + "' is already registered");
      }
      return this;
    }

    /**
     * One consumer group for all this worker's functions, instead of {@code ordo-worker-<function>}
     * each.
     */
    public Builder consumerGroup(String consumerGroup) {
      this.consumerGroup = requireText(consumerGroup, "consumerGroup");
      return this;
    }

    /**
     * A name for this worker that stays the same across its restarts (a pod's stable name, a host
     * name): its consumers become static members of their groups, so a restarted worker takes its
     * partitions back at once instead of after its old Kafka session expires. Two running workers
     * must never share it. Without one, a worker is a dynamic member.
     */
    public Builder instanceId(String instanceId) {
      this.instanceId = requireText(instanceId, "instanceId");
      return this;
    }

    /**
     * How long a handler runs before its attempt tells the orchestrator it started (default 250
     * ms): the step's timeout runs from that notice; quicker handlers send only their result.
     */
    public Builder startNoticeAfter(Duration startNoticeAfter) {
      if (startNoticeAfter.isNegative()) {
        throw new IllegalArgumentException("startNoticeAfter must not be negative");
      }
      this.startNoticeAfter = startNoticeAfter;
      return this;
    }

    /** How long {@link OrdoWorker#close()} waits for running handlers (default 30 s). */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      if (shutdownTimeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must not be negative");
      }
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /**
     * A Kafka client setting (e.g. {@code security.protocol}) for the worker's consumers and
     * producer.
     */
    public Builder kafkaProperty(String key, Object value) {
      kafkaProperties.put(requireText(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The clock that stamps {@code startedAt} and {@code finishedAt}; the system clock unless
     * testing.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public OrdoWorker build() {
      if (handlers.isEmpty()) {
        throw new IllegalStateException("register at least one handler");
      }
      handlers.keySet().forEach(function -> Topics.functionTopic(topicPrefix, function));
      return new OrdoWorker(
          new WorkerSettings(
              bootstrapServers,
              workerId != null ? workerId : defaultWorkerId(),
              topicPrefix,
              resultsTopic,
              concurrency,
              handlers,
              consumerGroup,
              shutdownTimeout,
              kafkaProperties,
              clock,
              instanceId,
              startNoticeAfter));
    }

    private static String defaultWorkerId() {
      String host = System.getenv("HOSTNAME");
      if (host == null || host.isBlank()) {
        try {
          host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
          host = "localhost";
        }
      }
      return host + "-" + ProcessHandle.current().pid();
    }

    private static String requireText(String value, String name) {
      if (Objects.requireNonNull(value, name).isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
