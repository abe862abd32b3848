-- Orders. A row is written as PENDING before stock is reserved at inventory, so a reservation is
-- never made for an order the database does not know about; it turns CONFIRMED together with its
-- outbox row. A PENDING row whose request vanished (the service died, the database failed, the
-- inventory timed out) is picked up by the recovery worker: it becomes RELEASING, its reservation
-- is released at inventory, and the row is deleted. CONFIRMED rows are never deleted.
CREATE TABLE orders (
  id              text        PRIMARY KEY,
  idempotency_key text        UNIQUE,
  request_hash    text        NOT NULL,
  product_id      text        NOT NULL,
  quantity        int         NOT NULL CHECK (quantity > 0),
  customer_email  text        NOT NULL,
  status          text        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'RELEASING')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  -- When a request last worked on a PENDING row, or recovery claimed a RELEASING one.
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX orders_unfinished ON orders (updated_at) WHERE status <> 'CONFIRMED';

-- The order-confirmed notification of every confirmed order, written in the order's transaction
-- and delivered at least once (the notification service is idempotent on the payload's id).
CREATE TABLE notification_outbox (
  order_id        text        PRIMARY KEY REFERENCES orders (id),
  payload         jsonb       NOT NULL,
  attempts        int         NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  delivered_at    timestamptz,
  last_error      text
);

CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at)
  WHERE delivered_at IS NULL;
