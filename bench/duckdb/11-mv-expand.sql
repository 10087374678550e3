-- DuckDB twin of bench/queries/11-mv-expand.kql: the same question, the same result rows.
-- parse_json + mv-expand = cast to JSON, json_extract '$[*]' into a list, unnest;
-- tostring(Entity.Type) = Entity->>'Type'.
SELECT Entity->>'Type' AS EntityType, count(*) AS Entities
FROM (SELECT unnest(json_extract(Entities::JSON, '$[*]')) AS Entity
      FROM SecurityAlert
      WHERE TimeGenerated BETWEEN TIMESTAMP '2026-02-01 00:00:00' AND TIMESTAMP '2026-02-15 00:00:00')
GROUP BY 1;
