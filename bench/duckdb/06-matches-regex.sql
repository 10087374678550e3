-- DuckDB twin of bench/queries/06-matches-regex.kql: the same question, the same result rows.
-- matches regex: case-sensitive RE2 search anywhere in the string = regexp_matches.
SELECT ProcessName, AccountName, count(*) AS count_
FROM CloudProcessEvents
WHERE regexp_matches(ProcessCommandLine, '(/dev/tcp/|nc(at)? -e |socket\.socket\(\)|EXEC:/bin/)')
GROUP BY ProcessName, AccountName;
