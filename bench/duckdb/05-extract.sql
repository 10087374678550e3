-- DuckDB twin of bench/queries/05-extract.kql: the same question, the same result rows.
-- Both engines use RE2 syntax; extract() and regexp_extract() both return '' on no match.
SELECT RemoteIp, Processes FROM (
    SELECT regexp_extract(ProcessCommandLine, '(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})', 1) AS RemoteIp,
           count(*) AS Processes
    FROM CloudProcessEvents
    WHERE Timestamp BETWEEN TIMESTAMP '2026-02-15 00:00:00' AND TIMESTAMP '2026-02-22 00:00:00'
    GROUP BY RemoteIp)
WHERE RemoteIp <> '' AND Processes >= 10;
