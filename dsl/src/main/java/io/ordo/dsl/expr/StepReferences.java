package io.ordo.dsl.expr;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.CelComprehension;
import dev.cel.common.ast.CelExpr.CelSelect;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks, on the CEL syntax tree, that an expression reads only the step outputs its position in
 * the workflow can see, and only the fields {@code run} has. Type-checking alone cannot catch
 * these: {@code steps} and {@code run} are maps, so any key type-checks.
 */
final class StepReferences {

  static final List<String> RUN_FIELDS = List.of("id", "workflow", "version", "startedAt");

  /** The failure a catch handles, as its steps see it. */
  static final String ERROR = "error";

  static final List<String> ERROR_FIELDS = List.of("type", "message", "stepId");

  private final StepScope scope;
  private final Set<String> problems = new LinkedHashSet<>();

  private StepReferences(StepScope scope) {
    this.scope = scope;
  }

  static List<String> problems(CelExpr root, StepScope scope) {
    StepReferences check = new StepReferences(scope);
    check.visit(root, Set.of());
    return List.copyOf(check.problems);
  }

  private void visit(CelExpr expr, Set<String> shadowed) {
    switch (expr.getKind()) {
      case IDENT -> {
        if (expr.ident().name().equals("steps") && !shadowed.contains("steps")) {
          problems.add("steps can only be read as steps.<id>.output, naming the step");
        }
      }
      case SELECT -> visitSelect(expr.select(), shadowed);
      case CALL -> visitCall(expr, shadowed);
      case LIST -> expr.list().elements().forEach(e -> visit(e, shadowed));
      case MAP ->
          expr.map()
              .entries()
              .forEach(
                  e -> {
                    visit(e.key(), shadowed);
                    visit(e.value(), shadowed);
                  });
      case STRUCT -> expr.struct().entries().forEach(e -> visit(e.value(), shadowed));
      case COMPREHENSION -> visitComprehension(expr.comprehension(), shadowed);
      case CONSTANT, NOT_SET -> {}
    }
  }

  private void visitSelect(CelSelect select, Set<String> shadowed) {
    CelExpr operand = select.operand();
    if (isGlobal(operand, "steps", shadowed)) {
      checkStep(select.field());
    } else if (operand.getKind() == CelExpr.ExprKind.Kind.SELECT
        && isGlobal(operand.select().operand(), "steps", shadowed)) {
      String step = operand.select().field();
      checkStep(step);
      if (!select.field().equals("output")) {
        problems.add(
            "steps."
                + step
                + " has no field '"
                + select.field()
                + "'; use steps."
                + step
                + ".output");
      }
    } else if (isGlobal(operand, "run", shadowed)) {
      checkField("run", RUN_FIELDS, select.field());
    } else if (scope.locals().contains(ERROR) && isGlobal(operand, ERROR, shadowed)) {
      checkField(ERROR, ERROR_FIELDS, select.field());
    } else {
      visit(operand, shadowed);
    }
  }

  /**
   * {@code steps['id']} is the same reference as {@code steps.id}; a computed id cannot be checked.
   */
  private void visitCall(CelExpr expr, Set<String> shadowed) {
    var call = expr.call();
    List<CelExpr> args = call.args();
    if (call.function().equals("_[_]") && isGlobal(args.get(0), "steps", shadowed)) {
      CelExpr key = args.get(1);
      if (key.getKind() == CelExpr.ExprKind.Kind.CONSTANT
          && key.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
        checkStep(key.constant().stringValue());
      } else {
        problems.add("steps[…] needs a literal step id, as steps['validatePayment']");
        visit(key, shadowed);
      }
      return;
    }
    call.target().ifPresent(target -> visit(target, shadowed));
    args.forEach(arg -> visit(arg, shadowed));
  }

  private void visitComprehension(CelComprehension comprehension, Set<String> shadowed) {
    visit(comprehension.iterRange(), shadowed);
    visit(comprehension.accuInit(), shadowed);
    Set<String> inner = new HashSet<>(shadowed);
    inner.add(comprehension.iterVar());
    inner.add(comprehension.iterVar2());
    inner.add(comprehension.accuVar());
    visit(comprehension.loopCondition(), inner);
    visit(comprehension.loopStep(), inner);
    visit(comprehension.result(), inner);
  }

  private static boolean isGlobal(CelExpr expr, String name, Set<String> shadowed) {
    return expr.getKind() == CelExpr.ExprKind.Kind.IDENT
        && expr.ident().name().equals(name)
        && !shadowed.contains(name);
  }

  private void checkField(String variable, List<String> fields, String field) {
    if (!fields.contains(field)) {
      problems.add(variable + " has no field '" + field + "'; it has " + String.join(", ", fields));
    }
  }

  private void checkStep(String id) {
    if (scope.canRead(id)) {
      return;
    }
    if (scope.stepIds().contains(id)) {
      problems.add("steps." + id + " is not visible here: " + scope.whyNotVisible(id));
    } else {
      List<String> known = scope.stepIds().stream().filter(s -> !s.isEmpty()).distinct().toList();
      problems.add(
          "steps."
              + id
              + " does not exist; the steps are: "
              + Listing.of(known)
              + Suggestion.didYouMean(id, known));
    }
  }
}
