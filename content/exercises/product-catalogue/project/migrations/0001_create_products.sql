-- The origin: the shop's products. Prices in cents, so no rounding ever creeps in.
CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0)
);

INSERT INTO products (id, name, price_cents) VALUES
  (1, 'Espresso cup', 1200),
  (2, 'Pour-over kettle', 4900),
  (3, 'Burr grinder', 12900),
  (4, 'Paper filters (100)', 650),
  (5, 'Digital scale', 3400);
