// Kùzu variant: from the states to their events, then to the events' other states (one pattern joins whole tables); a string sort key last, as Kùzu can misorder rows whose last key is a number after a string.
MATCH (u:State)<-[:INVOLVES]-(e:Event)
WHERE u.id = $focal OR $focal = ''
WITH u, e
MATCH (e)-[:INVOLVES]->(v:State)
WHERE ($focal <> '' OR u.id < v.id) AND u.id <> v.id
WITH DISTINCT u.id AS a, v.id AS b, e,
     CASE WHEN NOT $paper_dates OR e.date_basis = 'paper' THEN e.year END AS year
WHERE ($from_year IS NULL OR year >= $from_year)
  AND ($to_year IS NULL OR year <= $to_year)
RETURN a, b, year,
       count(CASE WHEN e.quad = 'verbal_coop' THEN 1 END) AS verbcoop,
       count(CASE WHEN e.quad = 'material_coop' THEN 1 END) AS matcoop,
       count(CASE WHEN e.quad = 'verbal_conflict' THEN 1 END) AS verbconf,
       count(CASE WHEN e.quad = 'material_conflict' THEN 1 END) AS matconf,
       count(e) AS events
ORDER BY a, b, year, a
