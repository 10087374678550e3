-- DuckDB twin of bench/queries/15-parse-json-string.kql: the same question, the same result rows.
-- parse_json(text).UpperLayer = json_extract_string(text, '$.UpperLayer').
SELECT ProcessName, count(*) AS count_
FROM CloudProcessEvents
WHERE Timestamp BETWEEN TIMESTAMP '2026-02-25 00:00:00' AND TIMESTAMP '2026-03-01 00:00:00'
  AND json_extract_string(AdditionalFields, '$.UpperLayer') = 'True'
GROUP BY ProcessName;
