-- DuckDB twin of bench/queries/01-time-window-count.kql: the same question, the same result rows.
-- KQL between is inclusive at both ends, like SQL BETWEEN.
SELECT count(*) AS Count
FROM CloudProcessEvents
WHERE Timestamp BETWEEN TIMESTAMP '2026-02-10 00:00:00' AND TIMESTAMP '2026-02-12 00:00:00';
