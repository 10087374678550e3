-- DuckDB twin of bench/queries/02-eq-summarize.kql: the same question, the same result rows.
-- KQL == on strings is case-sensitive, as is SQL =.
SELECT OperationName, count(*) AS Events
FROM CloudAuditEvents
WHERE DataSource = 'AWS'
GROUP BY OperationName;
