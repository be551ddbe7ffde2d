package io.ordo.orchestrator.service;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.service.Work.Done;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Where every change to a run waits for its transaction: starts, results, operators' requests and
 * timer sweeps from every source share batches, so one commit carries whatever arrived while the
 * previous one ran (group commit). A few writer threads each take a batch and hand it to {@link
 * RunProcessor}. Work for one run stays in the order it came: a run is in at most one batch at a
 * time. A batch that fails for one run's data is split until that run is found and given an
 * incident; one that fails because PostgreSQL is away waits and tries again.
 */
@Component
public class TransitionQueue implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TransitionQueue.class);
  private static final long DEFER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(2);

  /** The queue is full: the caller should come back later. */
  public static final class Overloaded extends RuntimeException {
    Overloaded(int size) {
      super("Ordo is busy: " + size + " changes are waiting to be written");
    }
  }

  /** What was submitted together, and the future that says what became of it. */
  private static final class Submission {
    final Done[] done;
    final CompletableFuture<List<Done>> future = new CompletableFuture<>();
    int open;
    int taken;

    Submission(int size) {
      done = new Done[size];
      open = size;
    }
  }

  /** One piece of work in the queue; {@code owner} is null for work the queue made itself. */
  private record Item(Work work, @Nullable Submission owner, int index, long notBefore) {

    Item later(long at) {
      return new Item(work, owner, index, at);
    }
  }

  private final RunProcessor processor;
  private final Timer batches;
  private final DistributionSummary batchSizes;
  private final OrdoProperties.Engine settings;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final Deque<Item> queue = new ArrayDeque<>();
  private final Set<String> busy = new HashSet<>();
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean running;

  public TransitionQueue(RunProcessor processor, OrdoProperties properties, MeterRegistry meters) {
    this.processor = processor;
    this.settings = properties.engine();
    this.batches =
        Timer.builder("ordo.batch.duration").publishPercentileHistogram().register(meters);
    this.batchSizes =
        DistributionSummary.builder("ordo.batch.size")
            .publishPercentileHistogram()
            .register(meters);
    meters.gauge("ordo.queue.waiting", queue, q -> size());
  }

  private int size() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Queues the work; the future completes once all of it is committed (or known to fail). */
  public CompletableFuture<List<Done>> submit(List<Work> work) {
    return enqueue(work, false);
  }

  /** As {@link #submit}, but refuses work when the queue is full, for callers that can retry. */
  public CompletableFuture<List<Done>> offer(List<Work> work) {
    return enqueue(work, true);
  }

  private CompletableFuture<List<Done>> enqueue(List<Work> work, boolean mayRefuse) {
    Submission submission = new Submission(work.size());
    if (work.isEmpty()) {
      submission.future.complete(List.of());
      return submission.future;
    }
    lock.lock();
    try {
      if (mayRefuse && queue.size() + work.size() > settings.queueCapacity()) {
        throw new Overloaded(queue.size());
      }
      for (int i = 0; i < work.size(); i++) {
        queue.addLast(new Item(work.get(i), submission, i, 0));
      }
      arrived.signal();
    } finally {
      lock.unlock();
    }
    return submission.future;
  }

  /**
   * Takes back work none of which a writer has started on; false when it is too late (the outcome
   * will come through the future).
   */
  public boolean withdraw(CompletableFuture<List<Done>> future) {
    lock.lock();
    try {
      Submission owner = null;
      for (Item item : queue) {
        if (item.owner() != null && item.owner().future == future) {
          owner = item.owner();
          break;
        }
      }
      if (owner == null || owner.taken > 0) {
        return false;
      }
      Submission withdrawn = owner;
      queue.removeIf(item -> item.owner() == withdrawn);
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void start() {
    running = true;
    for (int i = 0; i < settings.writers(); i++) {
      writers.add(Thread.ofPlatform().name("ordo-writer-" + i).daemon().start(this::write));
    }
  }

  @Override
  public void stop() {
    running = false;
    writers.forEach(Thread::interrupt);
    for (Thread writer : writers) {
      try {
        writer.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    writers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the loops that feed it, after them when stopping. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1000;
  }

  private void write() {
    Duration backoff = Duration.ofMillis(100);
    while (running) {
      List<Item> batch;
      try {
        batch = take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        long started = System.nanoTime();
        Map<Item, Done> done = run(batch);
        batches.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        batchSizes.record(batch.size());
        finish(batch, done);
        backoff = Duration.ofMillis(100);
      } catch (RuntimeException unavailable) {
        log.warn(
            "a batch of {} could not be written; trying again in {}",
            batch.size(),
            backoff,
            unavailable);
        requeue(batch);
        if (!pause(backoff)) {
          return;
        }
        backoff = longer(backoff);
      }
    }
  }

  /**
   * Applies a batch; when PostgreSQL refuses one run's data, applies the others without it and
   * gives that run an incident. Throws when the database itself is the problem.
   */
  private Map<Item, Done> run(List<Item> batch) {
    List<Done> done;
    try {
      done = processor.process(works(batch));
    } catch (RunProcessor.BatchFailed failed) {
      if (!Failures.isDataProblem(failed)) {
        throw failed;
      }
      return isolate(batch, failed);
    }
    Map<Item, Done> results = new IdentityHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      results.put(batch.get(i), done.get(i));
    }
    return results;
  }

  /**
   * Halves the batch by run until the run PostgreSQL refuses is alone, and gives it an incident.
   */
  private Map<Item, Done> isolate(List<Item> batch, RunProcessor.BatchFailed failed) {
    Map<Item, Done> results = new IdentityHashMap<>();
    List<Item> work = new ArrayList<>();
    for (Item item : batch) {
      if (item.work() instanceof Work.Sweep) {
        results.put(item, new Done.Swept(failed.swept().size()));
      } else {
        work.add(item);
      }
    }
    failed.swept().forEach(id -> work.add(new Item(new Work.Wake(id), null, -1, 0)));
    List<List<Item>> groups = byRun(work);
    if (groups.size() == 1) {
      List<Item> only = groups.getFirst();
      List<Done> done =
          processor.incidentFor(
              only.getFirst().work().runId(), works(only), String.valueOf(failed.getCause()));
      for (int i = 0; i < only.size(); i++) {
        results.put(only.get(i), done.get(i));
      }
    } else if (groups.size() > 1) {
      int half = groups.size() / 2;
      results.putAll(run(flatten(groups.subList(0, half))));
      results.putAll(run(flatten(groups.subList(half, groups.size()))));
    }
    return results;
  }

  private static List<Work> works(List<Item> items) {
    return items.stream().map(Item::work).toList();
  }

  private static List<List<Item>> byRun(List<Item> items) {
    Map<String, List<Item>> groups = new LinkedHashMap<>();
    for (Item item : items) {
      groups.computeIfAbsent(item.work().runId(), id -> new ArrayList<>()).add(item);
    }
    return new ArrayList<>(groups.values());
  }

  private static List<Item> flatten(List<List<Item>> groups) {
    return groups.stream().flatMap(List::stream).toList();
  }

  private List<Item> take() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        List<Item> batch = new ArrayList<>();
        Set<String> blocked = new HashSet<>();
        boolean swept = false;
        long now = System.nanoTime();
        long nextDue = Long.MAX_VALUE;
        Iterator<Item> it = queue.iterator();
        while (it.hasNext() && batch.size() < settings.batchSize()) {
          Item item = it.next();
          String runId = item.work().runId();
          boolean sweep = item.work() instanceof Work.Sweep;
          boolean held = runId != null && (busy.contains(runId) || blocked.contains(runId));
          if (item.notBefore() > now || held || (sweep && swept)) {
            if (item.notBefore() > now) {
              nextDue = Math.min(nextDue, item.notBefore());
            }
            if (runId != null) {
              blocked.add(runId);
            }
            continue;
          }
          it.remove();
          batch.add(item);
          swept |= sweep;
          if (runId != null) {
            busy.add(runId);
          }
          if (item.owner() != null) {
            item.owner().taken++;
          }
        }
        if (!batch.isEmpty()) {
          return batch;
        }
        if (nextDue == Long.MAX_VALUE) {
          arrived.await();
        } else {
          arrived.awaitNanos(Math.max(nextDue - now, 1));
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void finish(List<Item> batch, Map<Item, Done> results) {
    List<Item> deferred = new ArrayList<>();
    lock.lock();
    try {
      for (Item item : batch) {
        Done done = results.get(item);
        if (done instanceof Done.Deferred) {
          deferred.add(item.later(System.nanoTime() + DEFER_NANOS));
        } else if (item.owner() != null) {
          Submission owner = item.owner();
          owner.done[item.index()] = done;
          if (--owner.open == 0) {
            owner.future.complete(List.of(owner.done));
          }
        }
      }
      release(batch);
      for (int i = deferred.size() - 1; i >= 0; i--) {
        queue.addFirst(deferred.get(i));
      }
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void requeue(List<Item> batch) {
    lock.lock();
    try {
      release(batch);
      for (int i = batch.size() - 1; i >= 0; i--) {
        Item item = batch.get(i);
        if (item.owner() != null) {
          item.owner().taken--;
        }
        queue.addFirst(item);
      }
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void release(List<Item> batch) {
    batch.forEach(
        item -> {
          if (item.work().runId() != null) {
            busy.remove(item.work().runId());
          }
        });
  }

  private static Duration longer(Duration backoff) {
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : doubled;
  }

  private static boolean pause(Duration backoff) {
    try {
      Thread.sleep(backoff);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
