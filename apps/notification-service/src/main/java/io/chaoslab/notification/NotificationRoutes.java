package io.chaoslab.notification;

import io.chaoslab.common.http.ApiException;
import io.chaoslab.common.http.JsonRequest;
import io.chaoslab.common.shop.OrderFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The notification API: deliver once per id, list and read what was delivered. */
final class NotificationRoutes implements Consumer<RoutesConfig> {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationRoutes.class);
  private static final int MAX_LIMIT = 1000;

  private final DeliveryLog log;
  private final Counter delivered;
  private final Counter duplicates;

  NotificationRoutes(DeliveryLog log, MeterRegistry registry) {
    this.log = log;
    this.delivered = deliveries(registry, "delivered");
    this.duplicates = deliveries(registry, "duplicate");
  }

  private static Counter deliveries(MeterRegistry registry, String result) {
    return Counter.builder("notification.deliveries")
        .description("Notifications received: delivered the first time, duplicate after that")
        .tag("result", result)
        .register(registry);
  }

  @Override
  public void accept(RoutesConfig r) {
    r.post("/notifications", this::deliver);
    r.get("/notifications", this::recent);
    r.get("/notifications/{id}", this::find);
  }

  private void deliver(Context ctx) {
    NotificationRequest request = NotificationRequest.from(JsonRequest.of(ctx));
    DeliveryLog.Outcome outcome = log.deliver(request);
    Notification notification = outcome.notification();
    if (outcome.delivered()) {
      delivered.increment();
      LOG.atInfo()
          .addKeyValue("notificationId", notification.id())
          .addKeyValue("orderId", notification.orderId())
          .addKeyValue("to", EmailMask.mask(notification.customerEmail()))
          .log("notification delivered");
    } else {
      duplicates.increment();
      LOG.atDebug()
          .addKeyValue("notificationId", notification.id())
          .log("notification already delivered, not sent again");
    }
    ctx.status(outcome.delivered() ? 202 : 200).json(Receipt.of(outcome));
  }

  /** The answer to {@code POST /notifications}; a record, so its fields keep their order. */
  record Receipt(String id, String status, Instant deliveredAt) {
    static Receipt of(DeliveryLog.Outcome outcome) {
      Notification notification = outcome.notification();
      return new Receipt(
          notification.id(),
          outcome.delivered() ? "DELIVERED" : "DUPLICATE",
          notification.deliveredAt());
    }
  }

  private void recent(Context ctx) {
    ctx.json(log.recent(limit(ctx.queryParam("limit"))));
  }

  private static int limit(String raw) {
    if (raw == null) {
      return 100;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("limit must be an integer between 1 and " + MAX_LIMIT);
  }

  private void find(Context ctx) {
    String id = OrderFields.pathId(ctx.pathParam("id"), "notification id");
    ctx.json(
        log.find(id)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "NOTIFICATION_NOT_FOUND", "no notification with id '" + id + "'")));
  }
}
