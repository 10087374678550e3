-- DuckDB twin of bench/queries/08-arg-max.kql: the same question, the same result rows.
-- arg_max(Timestamp, *) by K keeps the whole latest row per key: DISTINCT ON with
-- ORDER BY K, Timestamp DESC. (Ties on Timestamp may pick different rows in each engine.)
SELECT DataSource, ActionType, count(*) AS Resources
FROM (SELECT DISTINCT ON (ResourceId) *
      FROM CloudAuditEvents
      ORDER BY ResourceId, Timestamp DESC)
GROUP BY DataSource, ActionType;
