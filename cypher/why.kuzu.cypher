// Kùzu variant: label() and CAST for labels()/type()/toString(); a lookup per table, not a scan of every table (an INVOLVES id is found from its event); a string sort key last, as Kùzu can misorder rows whose last key is a number after a string.
OPTIONAL MATCH (n:State:Organization:Person:Actor:Strategy:Outcome:Concept:Indicator:Source:Dataset {id: $id})
WITH collect({element: CASE WHEN n IS NULL THEN NULL ELSE label(n) END, statement: n.name, source: n.source,
              via: n.via, locator: n.locator, quote: n.quote}) AS nodes
OPTIONAL MATCH (e:Event {id: $id})
WITH nodes, collect({element: CASE WHEN e IS NULL THEN NULL ELSE label(e) END, statement: e.name,
                     source: e.source, via: e.via, locator: e.locator, quote: e.quote}) AS events
OPTIONAL MATCH ()-[r:TIE|TRADE|MEASURED|MEMBER_OF|PART_OF|HOLDS_OFFICE|PURSUES|IMPLEMENTS|LEADS_TO|SUCCEEDED_BY|INSTANCE_OF|RELATES_TO|PROPOSED_BY]->()
WHERE r.id = $id
WITH nodes, events, collect({element: CASE WHEN r IS NULL THEN NULL ELSE label(r) END,
                     statement: coalesce(r.claim, r.description), source: r.source,
                     via: r.via, locator: r.locator, quote: r.quote}) AS relationships
OPTIONAL MATCH (x:Event)-[i:INVOLVES]->()
WHERE x.id = split_part($id, '>INVOLVES>', 1) AND i.id = $id
WITH nodes, events, relationships,
     collect({element: CASE WHEN i IS NULL THEN NULL ELSE label(i) END, statement: CAST(NULL AS STRING),
              source: i.source, via: i.via, locator: i.locator, quote: i.quote}) AS involves
UNWIND nodes + events + relationships + involves AS f
WITH f
WHERE f.element IS NOT NULL
OPTIONAL MATCH (s:Source {id: f.source})
OPTIONAL MATCH (v:Source {id: f.via})
WHERE f.via <> f.source
UNWIND [{n: 1, field: 'statement', value: f.statement},
        {n: 2, field: 'source', value: f.source},
        {n: 3, field: 'source title', value: s.title},
        {n: 4, field: 'source title_en', value: s.title_en},
        {n: 5, field: 'source authors', value: s.authors},
        {n: 6, field: 'source year', value: CAST(s.year AS STRING)},
        {n: 7, field: 'source venue', value: s.venue},
        {n: 8, field: 'via', value: f.via},
        {n: 9, field: 'via title', value: v.title},
        {n: 10, field: 'via title_en', value: v.title_en},
        {n: 11, field: 'via authors', value: v.authors},
        {n: 12, field: 'via year', value: CAST(v.year AS STRING)},
        {n: 13, field: 'via venue', value: v.venue},
        {n: 14, field: 'locator', value: f.locator},
        {n: 15, field: 'quote', value: f.quote}] AS row
WITH f, row
WHERE row.value IS NOT NULL
RETURN f.element AS element, row.field AS field, row.value AS value
ORDER BY element, row.n, row.field
