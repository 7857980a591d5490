// Kùzu variant: label() for labels(n)[0] and type(r).
MATCH (n {id: $id})
OPTIONAL MATCH (n)-[r]-(m)
UNWIND [{element: label(n) + ':' + n.id, key: n.source},
        {element: label(n) + ':' + n.id, key: n.via},
        {element: label(r) + ':' + r.id, key: r.source},
        {element: label(r) + ':' + r.id, key: r.via},
        {element: label(m) + ':' + m.id, key: m.source},
        {element: label(m) + ':' + m.id, key: m.via}] AS cited
WITH DISTINCT cited.element AS element, cited.key AS key
WHERE key IS NOT NULL
WITH key, count(element) AS facts
MATCH (s:Source {id: key})
RETURN key, s.name AS citation, facts, coalesce(s.title_en, s.title) AS title
ORDER BY facts DESC, key
