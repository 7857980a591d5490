// name: sources-for
// title: Sources behind a node's neighbourhood
// description: The bibliography behind a node and what surrounds it: every work cited (as source
//   or via) by the node, by its relationships and by its neighbours, with how many of these
//   elements cite it (facts), most cited first. Titles are given in English where the entry has
//   a translation. With a partner, the sources behind a dyad: only what lies between the two
//   states counts (their ties, trade and successions, and the events involving both), so the
//   imported datasets behind it (icews, polecat, cow-diplomatic, cow-alliance, ...) are listed
//   beside the works the paper cites. An imported event's participant (its INVOLVES, whose id is
//   derived, not stored) cites what its event cites.
// param id: string  id node  e.g. "third-neighbor-policy"  -- the node's id
// param partner: string = ""  id State  -- a second state: the sources of the dyad the two make (empty: the whole neighbourhood)
// column key cites: Work -- the work's BibTeX key
// column citation: Citation -- the short citation (author year)
// column facts: Facts -- how many of the elements cite it
// column title: Title -- the title, in English where translated
MATCH (n {id: $id})
OPTIONAL MATCH (n)-[r]-(m)
WHERE $partner = '' OR m.id = $partner
   OR (m:Event AND EXISTS { MATCH (m)-[:INVOLVES]->(:State {id: $partner}) })
WITH n, r, m, $partner = '' AS whole,
     CASE WHEN type(r) = 'INVOLVES' AND r.id IS NULL THEN CASE WHEN m:Event THEN m ELSE n END END AS event
WITH n, r, m, whole, event,
     coalesce(r.id, event.id + '>INVOLVES>' + CASE WHEN m:Event THEN n.id ELSE m.id END + ':' + r.role) AS rid
UNWIND [{element: labels(n)[0] + ':' + n.id, key: CASE WHEN whole THEN n.source END},
        {element: labels(n)[0] + ':' + n.id, key: CASE WHEN whole THEN n.via END},
        {element: type(r) + ':' + rid, key: CASE WHEN whole OR m.id = $partner THEN coalesce(event.source, r.source) END},
        {element: type(r) + ':' + rid, key: CASE WHEN whole OR m.id = $partner THEN coalesce(event.via, r.via) END},
        {element: labels(m)[0] + ':' + m.id, key: CASE WHEN whole OR m:Event THEN m.source END},
        {element: labels(m)[0] + ':' + m.id, key: CASE WHEN whole OR m:Event THEN m.via END}] AS cited
WITH DISTINCT cited.element AS element, cited.key AS key
WHERE key IS NOT NULL
WITH key, count(element) AS facts
MATCH (s:Source {id: key})
RETURN key, s.name AS citation, facts, coalesce(s.title_en, s.title) AS title
ORDER BY facts DESC, key
