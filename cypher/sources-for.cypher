// name: sources-for
// title: Sources behind a node's neighbourhood
// description: The bibliography behind a node and what surrounds it: every work cited (as source
//   or via) by the node, by its relationships and by its neighbours, with how many of these
//   elements cite it (facts), most cited first. Titles are given in English where the entry has
//   a translation.
// param id: string  id node  e.g. "third-neighbor-policy"  -- the node's id
// column key cites: Work -- the work's BibTeX key
// column citation: Citation -- the short citation (author year)
// column facts: Facts -- how many of the elements cite it
// column title: Title -- the title, in English where translated
MATCH (n {id: $id})
OPTIONAL MATCH (n)-[r]-(m)
UNWIND [{element: labels(n)[0] + ':' + n.id, key: n.source},
        {element: labels(n)[0] + ':' + n.id, key: n.via},
        {element: type(r) + ':' + r.id, key: r.source},
        {element: type(r) + ':' + r.id, key: r.via},
        {element: labels(m)[0] + ':' + m.id, key: m.source},
        {element: labels(m)[0] + ':' + m.id, key: m.via}] AS cited
WITH DISTINCT cited.element AS element, cited.key AS key
WHERE key IS NOT NULL
WITH key, count(element) AS facts
MATCH (s:Source {id: key})
RETURN key, s.name AS citation, facts, coalesce(s.title_en, s.title) AS title
ORDER BY facts DESC, key
