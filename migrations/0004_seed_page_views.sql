-- Seed: 150,000 page views spread over the thirty posts, generated in SQL so the migration
-- stays small. The arithmetic is deterministic (no random()), so every machine gets the same
-- rows and the same aggregates.
WITH RECURSIVE n(i) AS (
  SELECT 1
  UNION ALL
  SELECT i + 1 FROM n WHERE i < 150000
)
INSERT INTO page_views (post_id, visitor_id, viewed_at, country)
SELECT
  ((i * 7919) % 30) + 1,
  (i * 104729) % 40000,
  1767603600 + ((i * 2654435761) % 28000000),
  CASE (i * 31) % 7
    WHEN 0 THEN 'US' WHEN 1 THEN 'DE' WHEN 2 THEN 'IN' WHEN 3 THEN 'BR'
    WHEN 4 THEN 'JP' WHEN 5 THEN 'AU' ELSE 'NG'
  END
FROM n;
