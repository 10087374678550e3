-- DuckDB twin of bench/queries/04-contains.kql: the same question, the same result rows.
-- KQL contains is a case-insensitive substring test: ILIKE '%...%' (the needle holds
-- no LIKE wildcards).
SELECT AccountName, count(*) AS count_
FROM CloudProcessEvents
WHERE ProcessCommandLine ILIKE '%169.254.169.254%'
GROUP BY AccountName;
