package io.chaoslab.inventory;

import io.chaoslab.common.http.JsonRequest;
import io.chaoslab.common.shop.OrderFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The inventory's HTTP API: reading stock, reserving and releasing it. */
final class InventoryRoutes implements Consumer<RoutesConfig> {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryRoutes.class);

  private final StockRepository stock;
  private final RequestCounter requests;

  InventoryRoutes(StockRepository stock, RequestCounter requests) {
    this.stock = stock;
    this.requests = requests;
  }

  @Override
  public void accept(RoutesConfig r) {
    r.get("/products", requests.counted("list_products", ctx -> ctx.json(stock.products())));
    r.get("/products/{id}", requests.counted("get_product", this::getProduct));
    r.post("/reservations", requests.counted("reserve", this::reserve));
    r.get("/reservations/{orderId}", requests.counted("get_reservation", this::getReservation));
    r.delete("/reservations/{orderId}", requests.counted("release", this::release));
    requests.register(r);
  }

  private void getProduct(Context ctx) {
    String id = pathId(ctx, "id", "product id");
    ctx.json(stock.product(id).orElseThrow(() -> InventoryErrors.productNotFound(id)));
  }

  private void reserve(Context ctx) {
    ReservationRequest request = ReservationRequest.from(JsonRequest.of(ctx));
    ReserveOutcome outcome = stock.reserve(request);
    LOG.atDebug()
        .addKeyValue("orderId", request.orderId())
        .addKeyValue("productId", request.productId())
        .addKeyValue("quantity", request.quantity())
        .addKeyValue("available", outcome.reservation().available())
        .log(outcome.created() ? "stock reserved" : "reservation repeated, stock unchanged");
    ctx.status(outcome.created() ? 201 : 200).json(outcome.reservation());
  }

  private void getReservation(Context ctx) {
    String orderId = pathId(ctx, "orderId", "order id");
    ctx.json(
        stock.reservation(orderId).orElseThrow(() -> InventoryErrors.reservationNotFound(orderId)));
  }

  private void release(Context ctx) {
    String orderId = pathId(ctx, "orderId", "order id");
    stock
        .release(orderId)
        .ifPresentOrElse(
            released ->
                LOG.atDebug()
                    .addKeyValue("orderId", orderId)
                    .addKeyValue("productId", released.productId())
                    .addKeyValue("quantity", released.quantity())
                    .addKeyValue("available", released.available())
                    .log("reservation released, stock given back"),
            () -> LOG.atDebug().addKeyValue("orderId", orderId).log("no reservation to release"));
    ctx.status(204);
  }

  private static String pathId(Context ctx, String param, String what) {
    return OrderFields.pathId(ctx.pathParam(param), what);
  }
}
