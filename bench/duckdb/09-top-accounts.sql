-- DuckDB twin of bench/queries/09-top-accounts.kql: the same question, the same result rows.
-- top 10 by x = ORDER BY x DESC LIMIT 10 (KQL top sorts descending by default).
SELECT AccountName, count(*) AS count_
FROM CloudProcessEvents
WHERE ProcessName IN ('curl', 'wget', 'base64', 'nc', 'ncat', 'socat')
GROUP BY AccountName
ORDER BY count_ DESC
LIMIT 10;
