package io.ordo.dsl.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where every step of a workflow sits: the block (list of steps) that holds it and its position
 * there. Step ids are unique across the whole workflow, nested steps included, so an id names one
 * place.
 */
public final class StepTree {

  /**
   * A list of steps that run one after another, and what it belongs to.
   *
   * @param parentId the step whose body this is; null for the workflow's own steps
   * @param lane which body of the parent: see {@link Lane}
   */
  public record Block(@Nullable String parentId, Lane lane, List<Step> steps) {
    public Block {
      steps = List.copyOf(steps);
    }
  }

  /**
   * Which body of a step a block is: the workflow's top level, a switch case (by index) or its
   * default, a parallel branch (by index), a forEach body (in a run: the iteration's index), or a
   * catch (by index).
   */
  public record Lane(Kind kind, int index) {

    public enum Kind {
      TOP,
      CASE,
      DEFAULT,
      BRANCH,
      BODY,
      CATCH
    }

    public static final Lane TOP = new Lane(Kind.TOP, 0);
    public static final Lane DEFAULT = new Lane(Kind.DEFAULT, 0);
    public static final Lane BODY = new Lane(Kind.BODY, 0);

    public static Lane of(Kind kind, int index) {
      return new Lane(kind, index);
    }

    /** {@code case:1}, {@code branch:0}, {@code body}: how a lane is written in run state. */
    @Override
    public String toString() {
      return switch (kind) {
        case CASE, BRANCH, CATCH, BODY -> kind.name().toLowerCase() + ":" + index;
        case TOP, DEFAULT -> kind.name().toLowerCase();
      };
    }

    public static Lane parse(String text) {
      int colon = text.indexOf(':');
      Kind kind = Kind.valueOf((colon < 0 ? text : text.substring(0, colon)).toUpperCase());
      return new Lane(kind, colon < 0 ? 0 : Integer.parseInt(text.substring(colon + 1)));
    }
  }

  /** A step, the block that holds it and its index there. */
  public record Place(Step step, Block block, int index) {}

  private final Map<String, Place> places = new HashMap<>();
  private final Map<String, Block> blocks = new HashMap<>();
  private final List<Step> collected = new ArrayList<>();
  private final List<Step> all;

  StepTree(List<Step> top) {
    add(new Block(null, Lane.TOP, top));
    all = List.copyOf(collected); // read on every expression evaluation: copied once, here
  }

  private void add(Block block) {
    blocks.put(key(block.parentId(), block.lane()), block);
    for (int i = 0; i < block.steps().size(); i++) {
      Step step = block.steps().get(i);
      places.putIfAbsent(step.id(), new Place(step, block, i));
      collected.add(step);
      for (Block body : bodiesOf(step)) {
        add(body);
      }
    }
  }

  /** The blocks directly inside {@code step}: its cases, branches, body and catches. */
  public static List<Block> bodiesOf(Step step) {
    List<Block> bodies = new ArrayList<>();
    String id = step.id();
    switch (step) {
      case SwitchStep s -> {
        for (int i = 0; i < s.cases().size(); i++) {
          bodies.add(new Block(id, Lane.of(Lane.Kind.CASE, i), s.cases().get(i).steps()));
        }
        bodies.add(new Block(id, Lane.DEFAULT, s.otherwise()));
      }
      case ParallelStep p -> {
        for (int i = 0; i < p.branches().size(); i++) {
          bodies.add(new Block(id, Lane.of(Lane.Kind.BRANCH, i), p.branches().get(i).steps()));
        }
      }
      case ForEachStep f -> bodies.add(new Block(id, Lane.BODY, f.steps()));
      case FunctionStep f -> {}
      case WaitStep w -> {}
      case WaitForSignalStep w -> {}
      case WorkflowStep w -> {}
      case FailStep f -> {}
      case SucceedStep s -> {}
    }
    List<Catch> catches = step.options().catches();
    for (int i = 0; i < catches.size(); i++) {
      bodies.add(new Block(id, Lane.of(Lane.Kind.CATCH, i), catches.get(i).steps()));
    }
    return bodies;
  }

  public Optional<Place> place(String stepId) {
    return Optional.ofNullable(places.get(stepId));
  }

  /** The block {@code lane} of step {@code parentId} (null: the top level). */
  public Block block(@Nullable String parentId, Lane lane) {
    Block block = blocks.get(key(parentId, lane));
    if (block == null) {
      throw new IllegalArgumentException("no block " + lane + " in step " + parentId);
    }
    return block;
  }

  /** Every step, nested ones included, in document order. */
  public List<Step> all() {
    return all;
  }

  private static String key(@Nullable String parentId, Lane lane) {
    Lane normal = lane.kind() == Lane.Kind.BODY ? Lane.BODY : lane;
    return (parentId == null ? "" : parentId) + "/" + normal;
  }
}
