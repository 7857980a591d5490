// Kùzu variant: label() for labels(n)[0], type(r) and the label test; the node is looked up per table (Event by its index), not found by scanning every table. An imported participant's id is derived knowing which side its event is on (the other node, or the Event looked up).
OPTIONAL MATCH (n:State:Organization:Person:Actor:Strategy:Outcome:Concept:Indicator:Source:Dataset {id: $id})
OPTIONAL MATCH (n)-[r]-(m)
WHERE $partner = '' OR m.id = $partner
   OR (label(m) = 'Event' AND EXISTS { MATCH (m)-[:INVOLVES]->(p:State) WHERE p.id = $partner })
UNWIND [{element: label(n) + ':' + n.id, key: CASE WHEN $partner = '' THEN n.source END},
        {element: label(n) + ':' + n.id, key: CASE WHEN $partner = '' THEN n.via END},
        {element: label(r) + ':' + CASE WHEN r.id IS NULL AND label(r) = 'INVOLVES' THEN m.id + '>INVOLVES>' + n.id + ':' + r.role ELSE r.id END,
         key: CASE WHEN $partner = '' OR m.id = $partner THEN CASE WHEN r.id IS NULL AND label(r) = 'INVOLVES' THEN m.source ELSE r.source END END},
        {element: label(r) + ':' + CASE WHEN r.id IS NULL AND label(r) = 'INVOLVES' THEN m.id + '>INVOLVES>' + n.id + ':' + r.role ELSE r.id END,
         key: CASE WHEN $partner = '' OR m.id = $partner THEN CASE WHEN r.id IS NULL AND label(r) = 'INVOLVES' THEN m.via ELSE r.via END END},
        {element: label(m) + ':' + m.id, key: CASE WHEN $partner = '' OR label(m) = 'Event' THEN m.source END},
        {element: label(m) + ':' + m.id, key: CASE WHEN $partner = '' OR label(m) = 'Event' THEN m.via END}] AS cited
WITH collect(cited) AS near
OPTIONAL MATCH (e:Event {id: $id})
OPTIONAL MATCH (e)-[r]-(m)
WHERE $partner = '' OR m.id = $partner
   OR (label(m) = 'Event' AND EXISTS { MATCH (m)-[:INVOLVES]->(p:State) WHERE p.id = $partner })
UNWIND [{element: label(e) + ':' + e.id, key: CASE WHEN $partner = '' THEN e.source END},
        {element: label(e) + ':' + e.id, key: CASE WHEN $partner = '' THEN e.via END},
        {element: label(r) + ':' + CASE WHEN r.id IS NULL AND label(r) = 'INVOLVES' THEN e.id + '>INVOLVES>' + m.id + ':' + r.role ELSE r.id END,
         key: CASE WHEN $partner = '' OR m.id = $partner THEN CASE WHEN r.id IS NULL AND label(r) = 'INVOLVES' THEN e.source ELSE r.source END END},
        {element: label(r) + ':' + CASE WHEN r.id IS NULL AND label(r) = 'INVOLVES' THEN e.id + '>INVOLVES>' + m.id + ':' + r.role ELSE r.id END,
         key: CASE WHEN $partner = '' OR m.id = $partner THEN CASE WHEN r.id IS NULL AND label(r) = 'INVOLVES' THEN e.via ELSE r.via END END},
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
