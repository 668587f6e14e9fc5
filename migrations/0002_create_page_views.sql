-- Raw page views: the kind of analytics table whose aggregations are worth caching.
-- It is queried by post_id without an index on that column, as reporting tables often are,
-- so a per-post aggregation scans every row: that scan is the honest price of a cache MISS.
CREATE TABLE page_views (
  id         INTEGER PRIMARY KEY,
  post_id    INTEGER NOT NULL,
  visitor_id INTEGER NOT NULL,
  viewed_at  INTEGER NOT NULL, -- seconds since the epoch
  country    TEXT    NOT NULL
);
