package io.ordo.dsl;

import io.ordo.dsl.StepOutline.Block;
import io.ordo.dsl.StepOutline.Item;
import io.ordo.dsl.expr.Listing;
import io.ordo.dsl.expr.StepScope;
import io.ordo.dsl.model.StepTree.Lane;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where an expression stands in the step structure, and so what it may read. The rule: the steps
 * before it in its block, with everything nested in them except forEach bodies (a switch or
 * parallel that finished has finished its inner steps too; a forEach is read as a whole, as the
 * list of its iterations' outputs), plus, block by block outwards, what the enclosing step sees. So
 * a parallel branch does not see its sibling branches, and a catch sees what the failed step saw.
 */
final class Position implements StepScope {

  private enum Mode {
    /** The expressions of a step itself: its input, condition, items, message, output. */
    STEP,
    /** A compensation: it runs after its step completed, so it sees the step and its insides. */
    AFTER_STEP,
    /** The workflow's output: after every top-level step. */
    END
  }

  /** One block around the position, innermost first, and how many of its steps have finished. */
  private record Level(Block block, int finished, @Nullable Lane from) {}

  /**
   * How a target step is reached from a block around the position: {@code top} is the step of that
   * block that is or holds it, {@code lane} the body of {@code top} it is in (null when it is
   * {@code top}), {@code forEach} the outermost forEach whose body holds it below {@code top}.
   */
  private record Route(Item top, @Nullable Lane lane, @Nullable Item forEach) {}

  private final StepOutline outline;
  private final Block block;
  private final int finished;
  private final Mode mode;
  private final String rule;
  private final Set<String> locals;

  private Position(StepOutline outline, Block block, int finished, Mode mode, String rule) {
    this.outline = outline;
    this.block = block;
    this.finished = finished;
    this.mode = mode;
    this.rule = rule;
    this.locals = localsAround(block);
  }

  /** For the expressions of {@code step}. */
  static Position of(StepOutline outline, Item step) {
    return new Position(outline, step.block(), step.index(), Mode.STEP, "only earlier steps");
  }

  /** For the compensation of {@code step}. */
  static Position after(StepOutline outline, Item step) {
    return new Position(
        outline,
        step.block(),
        step.index() + 1,
        Mode.AFTER_STEP,
        "only earlier steps and the step itself");
  }

  /** For the workflow's output. */
  static Position end(StepOutline outline) {
    Block top = outline.top();
    return new Position(outline, top, top.items().size(), Mode.END, "every step");
  }

  @Override
  public List<String> stepIds() {
    return outline.ids();
  }

  @Override
  public boolean canRead(String stepId) {
    Item target = outline.find(stepId);
    if (target == null) {
      return false;
    }
    for (Level level : levels()) {
      Route route = route(target, level.block());
      if (route != null) {
        return route.top().index() < level.finished() && route.forEach() == null;
      }
    }
    return false;
  }

  @Override
  public String whyNotVisible(String stepId) {
    Item target = outline.find(stepId);
    List<Level> levels = levels();
    for (int i = 0; target != null && i < levels.size(); i++) {
      Route route = route(target, levels.get(i).block());
      if (route != null) {
        return reason(target, route, levels.get(i), i == 0);
      }
    }
    return earlier();
  }

  @Override
  public Set<String> locals() {
    return locals;
  }

  @Override
  public Optional<String> whereDefined(String variable) {
    if (variable.equals(LocalNames.ERROR)) {
      return Optional.of("error is defined only in the steps of a catch");
    }
    return outline.items().stream()
        .filter(item -> variable.equals(item.as()))
        .findFirst()
        .map(
            forEach ->
                variable
                    + " is the item of forEach '"
                    + forEach.id()
                    + "' and is defined only in its steps");
  }

  private String reason(Item target, Route route, Level level, boolean innermost) {
    int at = route.top().index();
    if (at < level.finished()) {
      String forEach = route.forEach() == null ? "" : route.forEach().id();
      return "it runs inside forEach '"
          + forEach
          + "', once per item; from outside, read steps."
          + forEach
          + ".output, the list of the iterations' outputs; "
          + visibleHere();
    }
    if (innermost) {
      if (mode == Mode.STEP && at == level.finished()) {
        return (route.top() == target
                ? "a step's expressions cannot read its own output; "
                : "it is inside this step and runs after this expression is evaluated; ")
            + earlier();
      }
      return earlier();
    }
    if (at > level.finished()) {
      return earlier();
    }
    return insideTheSameStep(route, level.from());
  }

  /** The target is, or is in another body of, the step whose body holds this position. */
  private String insideTheSameStep(Route route, @Nullable Lane mine) {
    String owner = "'" + route.top().id() + "'";
    Lane.Kind here = mine == null ? Lane.Kind.TOP : mine.kind();
    Lane.Kind there = route.lane() == null ? null : route.lane().kind();
    String why;
    if (there == null) {
      why =
          here == Lane.Kind.CATCH
              ? "step "
                  + owner
                  + " failed, so it has no output; this catch reads its failure as error"
              : "step " + owner + " has not finished: this runs inside it";
    } else if (here == Lane.Kind.CATCH && there == Lane.Kind.CATCH) {
      why = "it is in another catch of step " + owner + ", which runs instead of this one";
    } else if (here == Lane.Kind.CATCH) {
      why = "it is inside step " + owner + ", whose failure this catch handles (as error)";
    } else if (there == Lane.Kind.CATCH) {
      why = "it is in a catch of step " + owner + ", which runs only when that step fails";
    } else if (here == Lane.Kind.BRANCH) {
      why =
          "it runs in another branch of parallel step " + owner + ", at the same time as this one";
    } else {
      why = "it is in another case of switch step " + owner + ", which runs instead of this one";
    }
    return why + "; " + visibleHere();
  }

  private String earlier() {
    return Listing.rule(rule, visible());
  }

  private String visibleHere() {
    List<String> visible = visible();
    return visible.isEmpty()
        ? "no step is visible here"
        : "the steps visible here are: " + Listing.of(visible);
  }

  /** The ids this position can read, in document order, gathered block by block outwards. */
  private List<String> visible() {
    List<Item> found = new ArrayList<>();
    for (Level level : levels()) {
      List<Item> items = level.block().items();
      for (int i = 0; i < Math.min(level.finished(), items.size()); i++) {
        withInsides(items.get(i), found);
      }
    }
    return found.stream()
        .sorted(Comparator.comparingInt(Item::order))
        .map(Item::id)
        .filter(id -> !id.isEmpty())
        .distinct()
        .toList();
  }

  /** A finished step and what finished inside it; a forEach body is read only as a whole. */
  private static void withInsides(Item item, List<Item> found) {
    found.add(item);
    for (Block body : item.bodies()) {
      if (body.lane().kind() != Lane.Kind.BODY) {
        body.items().forEach(inner -> withInsides(inner, found));
      }
    }
  }

  private List<Level> levels() {
    List<Level> levels = new ArrayList<>();
    levels.add(new Level(block, finished, null));
    for (Block current = block; current.owner() != null; current = current.owner().block()) {
      Item owner = current.owner();
      levels.add(new Level(owner.block(), owner.index(), current.lane()));
    }
    return levels;
  }

  private static @Nullable Route route(Item target, Block around) {
    Item step = target;
    Lane lane = null;
    Item forEach = null;
    while (step.block() != around) {
      Block body = step.block();
      Item owner = body.owner();
      if (owner == null) {
        return null;
      }
      if (body.lane().kind() == Lane.Kind.BODY) {
        forEach = owner;
      }
      lane = body.lane();
      step = owner;
    }
    return new Route(step, lane, forEach);
  }

  /** The items of enclosing forEach bodies, and error inside a catch. */
  private static Set<String> localsAround(Block block) {
    Set<String> names = new LinkedHashSet<>();
    for (Block current = block; current.owner() != null; current = current.owner().block()) {
      Lane.Kind kind = current.lane().kind();
      String as = current.owner().as();
      if (kind == Lane.Kind.BODY && as != null && LocalNames.isUsable(as)) {
        names.add(as);
      } else if (kind == Lane.Kind.CATCH) {
        names.add(LocalNames.ERROR);
      }
    }
    return Set.copyOf(names);
  }
}
