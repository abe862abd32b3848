-- Stock per product. available + reserved always equals the stock the product started with:
-- reserving moves units from available to reserved, releasing moves them back.
CREATE TABLE products (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  initial_stock int  NOT NULL,
  available     int  NOT NULL CHECK (available >= 0),
  reserved      int  NOT NULL CHECK (reserved >= 0),
  CHECK (available + reserved = initial_stock)
);

-- One reservation per order: the primary key makes reserving idempotent on the order id.
CREATE TABLE reservations (
  order_id   text        PRIMARY KEY,
  product_id text        NOT NULL REFERENCES products,
  quantity   int         NOT NULL CHECK (quantity > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX reservations_product_id ON reservations (product_id);
