-- DuckDB twin of bench/queries/10-join-window.kql: the same question, the same result rows.
-- join kind=inner is a plain SQL inner join (KQL's default innerunique would first
-- dedupe the left side by key, so the KQL says kind=inner explicitly).
SELECT a.OperationName, p.ProcessName, count(*) AS Pairs
FROM (SELECT Timestamp AS AuditTime, ResourceId, OperationName
      FROM CloudAuditEvents
      WHERE Timestamp BETWEEN TIMESTAMP '2026-02-20 00:00:00' AND TIMESTAMP '2026-02-21 00:00:00'
        AND ActionType IN ('Create', 'Update', 'Delete', 'Other')) a
JOIN (SELECT Timestamp AS ProcTime, AzureResourceId, ProcessName
      FROM CloudProcessEvents
      WHERE Timestamp BETWEEN TIMESTAMP '2026-02-20 00:00:00' AND TIMESTAMP '2026-02-21 00:00:00'
        AND ProcessName IN ('curl', 'wget')) p
  ON a.ResourceId = p.AzureResourceId
WHERE p.ProcTime BETWEEN a.AuditTime AND a.AuditTime + INTERVAL 1 hour
GROUP BY a.OperationName, p.ProcessName;
