-- DuckDB twin of bench/queries/12-distinct.kql: the same question, the same result rows.
SELECT count(*) AS Count
FROM (SELECT DISTINCT ProcessCommandLine FROM CloudProcessEvents);
