-- DuckDB twin of bench/queries/13-sort-take.kql: the same question, the same result rows.
-- sort | take = ORDER BY ... LIMIT (DuckDB plans it as a top-N).
SELECT Timestamp, DataSource, OperationName, ResourceId, IPAddress
FROM CloudAuditEvents
ORDER BY Timestamp DESC
LIMIT 20;
