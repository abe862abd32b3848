package io.chaoslab.order;

import io.chaoslab.common.shop.OrderFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;
import java.util.function.Consumer;

/** The order service's HTTP API: {@code POST /orders} and {@code GET /orders/{id}}. */
final class OrderRoutes implements Consumer<RoutesConfig> {
  private static final String STARTED_AT = "order.startedAt";
  private static final String PRODUCT_ID = "order.productId";

  private final PlaceOrder placeOrder;
  private final OrderStore orders;
  private final OrderMetrics metrics;

  OrderRoutes(PlaceOrder placeOrder, OrderStore orders, OrderMetrics metrics) {
    this.placeOrder = placeOrder;
    this.orders = orders;
    this.metrics = metrics;
  }

  @Override
  public void accept(RoutesConfig r) {
    r.before("/orders", ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
    r.post("/orders", this::placeOrder);
    r.get("/orders/{id}", this::getOrder);
    // After handlers also run when the handler threw, so error answers are counted too.
    r.after("/orders", this::recordMetrics);
  }

  private void placeOrder(Context ctx) {
    Optional<IdempotencyKey> key = IdempotencyKey.from(ctx);
    OrderRequest request = OrderRequest.from(ctx);
    ctx.attribute(PRODUCT_ID, request.productId());
    PlaceOrder.Outcome outcome = placeOrder.place(request, key);
    if (outcome.created()) {
      ctx.status(201).header("Location", "/orders/" + outcome.order().orderId());
    }
    ctx.json(outcome.order());
  }

  private void getOrder(Context ctx) {
    String id = OrderFields.pathId(ctx.pathParam("id"), "order id");
    StoredOrder order =
        orders
            .find(id)
            .filter(o -> o.status() == OrderStatus.CONFIRMED)
            .orElseThrow(() -> OrderErrors.orderNotFound(id));
    ctx.json(order.view());
  }

  private void recordMetrics(Context ctx) {
    Long startedAt = ctx.attribute(STARTED_AT);
    if (HandlerType.POST.equals(ctx.method()) && startedAt != null) {
      metrics.record(ctx.statusCode(), ctx.attribute(PRODUCT_ID), System.nanoTime() - startedAt);
    }
  }
}
