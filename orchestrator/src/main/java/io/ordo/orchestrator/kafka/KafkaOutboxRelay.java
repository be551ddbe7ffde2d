package io.ordo.orchestrator.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.service.OutboxHandoff;
import io.ordo.orchestrator.store.JdbcOutboxStore;
import io.ordo.orchestrator.store.JdbcOutboxStore.OutboxMessage;
import io.ordo.orchestrator.store.JdbcOutboxStore.Session;
import io.ordo.orchestrator.store.OutboxNotifications;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends outbox rows to Kafka and deletes them once Kafka acknowledged them. A crash in between
 * sends a message again (at-least-once); workers dedupe by idempotency key and the engine ignores a
 * result it already applied.
 *
 * <p>Each shard (a results partition) is relayed by the one instance whose consumer holds that
 * partition, under the shard's advisory lock, in id order: a run's messages leave in the order they
 * were committed, also across instances. Messages committed here are handed over in memory and sent
 * at once; the table is read for what other instances wrote (they notify), for what a crash left,
 * and after taking a shard over. No transaction is held while Kafka acknowledges, many messages are
 * in flight at once, and a failed send is retried alone.
 */
@Component
public class KafkaOutboxRelay implements OutboxHandoff, ShardOwnership, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaOutboxRelay.class);
  private static final long DELETE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final JdbcOutboxStore outbox;
  private final OutboxNotifications notifications;
  private final OrdoProperties.Relay settings;
  private final KafkaProducer<String, byte[]> producer;
  private final Counter sent;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  // All guarded by lock.
  private final Set<Integer> wanted = new HashSet<>();
  private final Set<Integer> held = new HashSet<>();
  private final Map<Integer, TreeMap<Long, OutboxMessage>> waiting = new TreeMap<>();
  private final Map<Long, Integer> inFlight = new java.util.HashMap<>();
  private final List<Long> acked = new ArrayList<>();
  private final Set<Integer> readNeeded = new HashSet<>();
  private boolean woken;

  private @Nullable Session session;
  private boolean suspect;
  private long lastDelete = System.nanoTime();
  private long lastRead = System.nanoTime();

  public KafkaOutboxRelay(
      JdbcOutboxStore outbox,
      OutboxNotifications notifications,
      KafkaEndpoint endpoint,
      OrdoProperties properties,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.sent = meters.counter("ordo.outbox.sent");
    meters.gauge("ordo.outbox.in.flight", this, KafkaOutboxRelay::inFlight);
    this.notifications = notifications;
    this.settings = properties.relay();
    this.producer =
        KafkaClients.producer(
            endpoint, "ordo-outbox-relay", new StringSerializer(), new ByteArraySerializer());
    notifications.onNotify(this::readAll);
  }

  @Override
  public void committed(List<OutboxMessage> messages) {
    boolean elsewhere = false;
    lock.lock();
    try {
      for (OutboxMessage message : messages) {
        if (held.contains(message.shard())) {
          waiting.computeIfAbsent(message.shard(), s -> new TreeMap<>()).put(message.id(), message);
        } else {
          elsewhere = true;
        }
      }
      woken = true;
      changed.signal();
    } finally {
      lock.unlock();
    }
    if (elsewhere) {
      notifications.notifyOthers(); // another instance relays that shard
    }
  }

  @Override
  public void assign(Collection<Integer> shards) {
    lock.lock();
    try {
      wanted.addAll(shards);
      woken = true;
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void revoke(Collection<Integer> shards) {
    lock.lock();
    try {
      wanted.removeAll(shards);
      woken = true;
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Another instance wrote messages, or the idle poll came: read the table. */
  private void readAll() {
    lock.lock();
    try {
      readNeeded.addAll(held);
      woken = true;
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * One round: take and let go of shards, read, send, delete what was acknowledged, then wait. The
   * delete comes after the send, so a message handed over by a commit never waits for it.
   */
  public void relay() throws Exception {
    Session db = session();
    withDatabase(
        () -> {
          shards(db);
          read(db);
        });
    send();
    withDatabase(() -> deleteAcknowledged(db, false));
    await();
  }

  private void withDatabase(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      suspect = true; // the connection may be gone: look at it before the next round
      throw e;
    }
  }

  private Session session() throws Exception {
    if (session != null && suspect && !session.isValid()) {
      log.warn("the outbox relay lost its database connection; taking its shards again");
      session.close();
      session = null;
      lock.lock();
      try {
        held.clear();
        waiting.clear();
      } finally {
        lock.unlock();
      }
    }
    suspect = false;
    if (session == null) {
      session = outbox.open();
    }
    return session;
  }

  private void shards(Session db) {
    List<Integer> toTake = new ArrayList<>();
    List<Integer> toLeave = new ArrayList<>();
    lock.lock();
    try {
      wanted.stream().filter(s -> !held.contains(s)).forEach(toTake::add);
      for (int shard : held) {
        if (!wanted.contains(shard) && !inFlight.containsValue(shard)) {
          toLeave.add(shard);
        }
      }
    } finally {
      lock.unlock();
    }
    if (!toLeave.isEmpty()) {
      deleteAcknowledged(db, true);
    }
    for (int shard : toLeave) {
      db.release(shard);
      lock.lock();
      try {
        held.remove(shard);
        waiting.remove(shard);
      } finally {
        lock.unlock();
      }
    }
    for (int shard : toTake) {
      if (db.tryHold(shard)) {
        lock.lock();
        try {
          held.add(shard);
          readNeeded.add(shard);
        } finally {
          lock.unlock();
        }
      }
    }
  }

  private void deleteAcknowledged(Session db, boolean now) {
    List<Long> ids;
    lock.lock();
    try {
      if (acked.isEmpty()
          || !now
              && acked.size() < settings.batchSize()
              && System.nanoTime() - lastDelete < DELETE_EVERY_NANOS) {
        return;
      }
      ids = List.copyOf(acked);
      acked.clear();
    } finally {
      lock.unlock();
    }
    try {
      db.delete(ids);
      lastDelete = System.nanoTime();
    } catch (RuntimeException e) {
      lock.lock();
      try {
        acked.addAll(ids); // deleted with the next round; sent again only after a crash
      } finally {
        lock.unlock();
      }
      throw e;
    }
  }

  private void read(Session db) {
    List<Integer> shards;
    Set<Long> skip = new HashSet<>();
    lock.lock();
    try {
      if (System.nanoTime() - lastRead > settings.idlePoll().toNanos()) {
        readNeeded.addAll(held); // a safety net for a notification that never came
      }
      shards = readNeeded.stream().filter(held::contains).toList();
      readNeeded.clear();
      if (shards.isEmpty() || inFlight.size() >= settings.maxInFlight()) {
        readNeeded.addAll(shards);
        return;
      }
      skip.addAll(inFlight.keySet());
      skip.addAll(acked);
      waiting.values().forEach(w -> skip.addAll(w.keySet()));
    } finally {
      lock.unlock();
    }
    lastRead = System.nanoTime();
    List<OutboxMessage> found = db.pending(shards, skip, settings.batchSize());
    lock.lock();
    try {
      for (OutboxMessage message : found) {
        if (held.contains(message.shard())) {
          waiting.computeIfAbsent(message.shard(), s -> new TreeMap<>()).put(message.id(), message);
        }
      }
      if (found.size() == settings.batchSize()) {
        readNeeded.addAll(shards); // there is more
      }
    } finally {
      lock.unlock();
    }
  }

  /** Sends what waits, each shard in id order. */
  private void send() {
    List<OutboxMessage> batch = new ArrayList<>();
    lock.lock();
    try {
      for (TreeMap<Long, OutboxMessage> shard : waiting.values()) {
        while (!shard.isEmpty() && inFlight.size() + batch.size() < settings.maxInFlight()) {
          OutboxMessage message = shard.pollFirstEntry().getValue();
          if (!inFlight.containsKey(message.id())) {
            batch.add(message);
          }
        }
      }
      batch.forEach(m -> inFlight.put(m.id(), m.shard()));
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < batch.size(); i++) {
      OutboxMessage message = batch.get(i);
      try {
        producer.send(record(message), (metadata, error) -> acknowledged(message, error));
      } catch (RuntimeException e) {
        // No metadata for the topic in time (Kafka away): what is left goes with a later round.
        for (OutboxMessage unsent : batch.subList(i, batch.size())) {
          acknowledged(unsent, e);
        }
        throw e;
      }
    }
  }

  private void acknowledged(OutboxMessage message, @Nullable Exception error) {
    lock.lock();
    try {
      inFlight.remove(message.id());
      if (error == null) {
        acked.add(message.id());
        sent.increment();
      } else {
        log.warn("Kafka did not take outbox message {}; sending it again", message.id(), error);
        readNeeded.add(message.shard());
      }
      woken = true;
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  private void await() throws InterruptedException {
    lock.lock();
    try {
      long wait = settings.idlePoll().toNanos();
      if (!acked.isEmpty()) {
        wait = Math.min(wait, DELETE_EVERY_NANOS);
      }
      while (!woken && wait > 0) {
        wait = changed.awaitNanos(wait);
      }
      woken = false;
    } finally {
      lock.unlock();
    }
  }

  /** How many messages are sent and not yet acknowledged. */
  public int inFlight() {
    lock.lock();
    try {
      return inFlight.size();
    } finally {
      lock.unlock();
    }
  }

  private static ProducerRecord<String, byte[]> record(OutboxMessage message) {
    var record = new ProducerRecord<>(message.topic(), message.key(), message.payload());
    if (message.traceparent() != null) {
      record.headers().add("traceparent", message.traceparent().getBytes(StandardCharsets.UTF_8));
    }
    return record;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    try {
      if (session != null) {
        deleteAcknowledged(session, true);
      }
    } catch (RuntimeException e) {
      log.debug("acknowledged outbox messages not deleted on close; they are sent again", e);
    }
    if (session != null) {
      session.close();
    }
  }
}
