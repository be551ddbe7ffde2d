package io.ordo.examples;

import io.ordo.worker.OrdoWorker;
import io.ordo.worker.StepHandler;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The example e-commerce functions. Their outcomes depend on the input only, so every path can be
 * shown:
 *
 * <ul>
 *   <li>{@code payments.validate} declines ({@code CardDeclined}, not retryable) an {@code amount}
 *       over 10000;
 *   <li>{@code inventory.reserve} fails ({@code OutOfStock}, not retryable) when an item's {@code
 *       sku} starts with {@code OOS-}, which makes the order workflow refund the payment;
 *   <li>{@code email.send} fails its first attempt ({@code MailServerUnavailable}, retryable) when
 *       the address contains {@code flaky};
 *   <li>{@code demo.sleep} sleeps {@code millis}, to make a step time out.
 * </ul>
 */
public final class ExampleFunctions {

  private static final Map<String, StepHandler> FUNCTIONS = functions();

  private ExampleFunctions() {}

  /** Registers every example function on the builder. */
  public static void registerAll(OrdoWorker.Builder builder) {
    FUNCTIONS.forEach(builder::handler);
  }

  public static Set<String> names() {
    return FUNCTIONS.keySet();
  }

  /** Every example function by name, for a worker that wraps them (a ledger in a drill, say). */
  public static Map<String, StepHandler> all() {
    return FUNCTIONS;
  }

  private static Map<String, StepHandler> functions() {
    Map<String, StepHandler> functions = new LinkedHashMap<>();
    functions.put("payments.validate", PaymentFunctions::validate);
    functions.put("payments.refund", PaymentFunctions::refund);
    functions.put("inventory.reserve", InventoryFunctions::reserve);
    functions.put("inventory.release", InventoryFunctions::release);
    functions.put("email.send", EmailFunctions::send);
    functions.put("demo.echo", DemoFunctions::echo);
    functions.put("demo.sleep", DemoFunctions::sleep);
    return Collections.unmodifiableMap(functions);
  }
}
