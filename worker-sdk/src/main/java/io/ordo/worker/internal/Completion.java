package io.ordo.worker.internal;

/** A handler thread tells the poll thread that a record is done with, or was not handled at all. */
record Completion(OffsetTracker tracker, long offset, boolean acknowledged) {

  void applyTo() {
    if (acknowledged) {
      tracker.done(offset);
    } else {
      tracker.abandon(offset);
    }
  }
}
