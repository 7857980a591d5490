// Kùzu variant: label() for labels(n)[0] and type(r); the node is looked up per table (Event by its index), not found by scanning every table.
OPTIONAL MATCH (n:State:Organization:Person:Actor:Strategy:Outcome:Concept:Indicator:Source:Dataset {id: $id})
OPTIONAL MATCH (n)-[r]-(m)
UNWIND [{element: label(n) + ':' + n.id, key: n.source},
        {element: label(n) + ':' + n.id, key: n.via},
        {element: label(r) + ':' + r.id, key: r.source},
        {element: label(r) + ':' + r.id, key: r.via},
        {element: label(m) + ':' + m.id, key: m.source},
        {element: label(m) + ':' + m.id, key: m.via}] AS cited
WITH collect(cited) AS near
OPTIONAL MATCH (e:Event {id: $id})
OPTIONAL MATCH (e)-[r]-(m)
UNWIND [{element: label(e) + ':' + e.id, key: e.source},
        {element: label(e) + ':' + e.id, key: e.via},
        {element: label(r) + ':' + r.id, key: r.source},
        {element: label(r) + ':' + r.id, key: r.via},
        {element: label(m) + ':' + m.id, key: m.source},
        {element: label(m) + ':' + m.id, key: m.via}] AS cited
WITH near, collect(cited) AS far
UNWIND near + far AS cited
WITH DISTINCT cited.element AS element, cited.key AS key
WHERE key IS NOT NULL
WITH key, count(element) AS facts
MATCH (s:Source {id: key})
RETURN key, s.name AS citation, facts, coalesce(s.title_en, s.title) AS title
ORDER BY facts DESC, key
