package io.ordo.dsl;

import java.util.Optional;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Stops a document that nests collections too deeply before snakeyaml-engine's composer, which
 * recurses once per level, runs out of stack on input like ten thousand '['.
 */
final class DepthLimitedParser implements Parser {

  private final Parser delegate;
  private final int maxDepth;
  private int depth;

  DepthLimitedParser(Parser delegate, int maxDepth) {
    this.delegate = delegate;
    this.maxDepth = maxDepth;
  }

  @Override
  public boolean checkEvent(Event.ID id) {
    return delegate.checkEvent(id);
  }

  @Override
  public Event peekEvent() {
    return delegate.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return delegate.hasNext();
  }

  @Override
  public Event next() {
    Event event = delegate.next();
    switch (event.getEventId()) {
      case MappingStart, SequenceStart -> {
        if (++depth > maxDepth) {
          throw new TooDeep(maxDepth, event.getStartMark());
        }
      }
      case MappingEnd, SequenceEnd -> depth--;
      default -> {}
    }
    return event;
  }

  /** Marked like any other YAML error, so it is reported at the offending line and column. */
  static final class TooDeep extends MarkedYamlEngineException {
    TooDeep(int maxDepth, Optional<Mark> mark) {
      super(
          "",
          Optional.empty(),
          "collections are nested more than " + maxDepth + " levels deep",
          mark);
    }
  }
}
