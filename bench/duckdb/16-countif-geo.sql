-- DuckDB twin of bench/queries/16-countif-geo.kql: the same question, the same result rows.
-- countif(p) = count(*) FILTER (WHERE p); dcount as approx_count_distinct.
SELECT CountryCode, DataSource, count(*) AS Events,
       count(*) FILTER (WHERE ActionType <> 'Read') AS Writes,
       approx_count_distinct(ResourceId) AS Resources
FROM CloudAuditEvents
WHERE Timestamp BETWEEN TIMESTAMP '2026-02-08 00:00:00' AND TIMESTAMP '2026-02-15 00:00:00'
  AND (IsAnonymousProxy OR CountryCode IN ('RU', 'CN'))
GROUP BY CountryCode, DataSource;
