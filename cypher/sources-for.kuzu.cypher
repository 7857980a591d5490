// Kùzu variant: label() for labels(n)[0], type(r) and the label test; the node is looked up per table (Event by its index), not found by scanning every table.
OPTIONAL MATCH (n:State:Organization:Person:Actor:Strategy:Outcome:Concept:Indicator:Source:Dataset {id: $id})
OPTIONAL MATCH (n)-[r]-(m)
WHERE $partner = '' OR m.id = $partner
   OR (label(m) = 'Event' AND EXISTS { MATCH (m)-[:INVOLVES]->(p:State) WHERE p.id = $partner })
UNWIND [{element: label(n) + ':' + n.id, key: CASE WHEN $partner = '' THEN n.source END},
        {element: label(n) + ':' + n.id, key: CASE WHEN $partner = '' THEN n.via END},
        {element: label(r) + ':' + r.id, key: CASE WHEN $partner = '' OR m.id = $partner THEN r.source END},
        {element: label(r) + ':' + r.id, key: CASE WHEN $partner = '' OR m.id = $partner THEN r.via END},
        {element: label(m) + ':' + m.id, key: CASE WHEN $partner = '' OR label(m) = 'Event' THEN m.source END},
        {element: label(m) + ':' + m.id, key: CASE WHEN $partner = '' OR label(m) = 'Event' THEN m.via END}] AS cited
WITH collect(cited) AS near
OPTIONAL MATCH (e:Event {id: $id})
OPTIONAL MATCH (e)-[r]-(m)
WHERE $partner = '' OR m.id = $partner
   OR (label(m) = 'Event' AND EXISTS { MATCH (m)-[:INVOLVES]->(p:State) WHERE p.id = $partner })
UNWIND [{element: label(e) + ':' + e.id, key: CASE WHEN $partner = '' THEN e.source END},
        {element: label(e) + ':' + e.id, key: CASE WHEN $partner = '' THEN e.via END},
        {element: label(r) + ':' + r.id, key: CASE WHEN $partner = '' OR m.id = $partner THEN r.source END},
        {element: label(r) + ':' + r.id, key: CASE WHEN $partner = '' OR m.id = $partner THEN r.via END},
        {element: label(m) + ':' + m.id, key: CASE WHEN $partner = '' OR label(m) = 'Event' THEN m.source END},
        {element: label(m) + ':' + m.id, key: CASE WHEN $partner = '' OR label(m) = 'Event' THEN m.via END}] AS cited
WITH near, collect(cited) AS far
UNWIND near + far AS cited
WITH DISTINCT cited.element AS element, cited.key AS key
WHERE key IS NOT NULL
WITH key, count(element) AS facts
MATCH (s:Source {id: key})
RETURN key, s.name AS citation, facts, coalesce(s.title_en, s.title) AS title
ORDER BY facts DESC, key
