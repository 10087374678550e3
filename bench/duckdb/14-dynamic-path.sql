-- DuckDB twin of bench/queries/14-dynamic-path.kql: the same question, the same result rows.
-- tostring(RawEventData.userIdentity.type) = RawEventData->'userIdentity'->>'type'
-- (a missing path is '' in KQL and NULL in SQL; neither equals 'Root').
-- dcount is an estimate in KQL; approx_count_distinct here.
SELECT OperationName, count(*) AS Calls, approx_count_distinct(IPAddress) AS Ips
FROM CloudAuditEvents
WHERE DataSource = 'AWS'
  AND (RawEventData->'userIdentity'->>'type') = 'Root'
GROUP BY OperationName;
