package io.chaoslab.notification;

import java.time.Instant;

/** A delivered notification, as kept in the recent history. */
record Notification(
    String id, String orderId, String customerEmail, String message, Instant deliveredAt) {}
