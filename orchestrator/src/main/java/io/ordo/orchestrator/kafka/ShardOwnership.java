package io.ordo.orchestrator.kafka;

import java.util.Collection;

/**
 * Which outbox shards this instance relays: those of the results partitions its consumers hold, so
 * a run's dispatches leave from where its results arrive, and only one instance relays a shard.
 */
interface ShardOwnership {

  void assign(Collection<Integer> shards);

  /** Stops relaying the shards once what was sent of them is acknowledged, then lets them go. */
  void revoke(Collection<Integer> shards);
}
