-- DuckDB twin of bench/queries/03-has-term.kql: the same question, the same result rows.
-- KQL `has` matches a whole term, case-insensitively; a term is a maximal run of
-- alphanumeric characters. SQL has no twin: the closest honest equivalent is a
-- case-insensitive regular expression with non-alphanumeric boundaries on both sides
-- (not \b, whose \w also counts '_' as a word character). Kusto can answer `has` from
-- a term index; DuckDB must scan every string.
SELECT ProcessName, count(*) AS count_
FROM CloudProcessEvents
WHERE regexp_matches(ProcessCommandLine, '(^|[^0-9A-Za-z])secrets($|[^0-9A-Za-z])', 'i')
GROUP BY ProcessName;
