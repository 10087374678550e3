-- DuckDB twin of bench/queries/07-dcount-bin.kql: the same question, the same result rows.
-- KQL dcount is a HyperLogLog estimate; approx_count_distinct is DuckDB's. The estimates
-- differ slightly; the row count (one per hour) is what is compared.
SELECT time_bucket(INTERVAL 1 hour, Timestamp) AS Timestamp, approx_count_distinct(KubernetesPodName) AS Pods
FROM CloudProcessEvents
GROUP BY 1;
