// Kùzu variant: label() and CAST for labels()/type()/toString(); a lookup per table, not a scan of every table (an INVOLVES id is found from its event, and an imported one's id, not stored, derived from it); a string sort key last, as Kùzu can misorder rows whose last key is a number after a string. A value is written without trailing zeros (Kùzu casts a DOUBLE with six decimals); a null inside + is not null in Kùzu, so CASE guards the date basis work.
OPTIONAL MATCH (n:State:Organization:Person:Actor:Strategy:Outcome:Concept:Indicator:Source:Dataset {id: $id})
WITH collect({element: CASE WHEN n IS NULL THEN NULL ELSE label(n) END, statement: n.name, value: CAST(NULL AS STRING),
              date: CASE WHEN n.date_precision IS NULL THEN CAST(NULL AS STRING) ELSE CAST(n.year AS STRING) END,
              precision: n.date_precision, basis: n.date_basis, date_locator: n.date_locator,
              source: n.source, via: n.via, locator: n.locator, quote: n.quote}) AS nodes
OPTIONAL MATCH (e:Event {id: $id})
WITH nodes, collect({element: CASE WHEN e IS NULL THEN NULL ELSE label(e) END, statement: e.name, value: CAST(NULL AS STRING),
                     date: CASE WHEN e.date_end IS NOT NULL THEN e.date + '/' + e.date_end ELSE e.date END,
                     precision: e.date_precision, basis: e.date_basis, date_locator: e.date_locator,
                     source: e.source, via: e.via, locator: e.locator, quote: e.quote}) AS events
OPTIONAL MATCH ()-[r:TIE|TRADE|MEASURED|MEMBER_OF|PART_OF|HOLDS_OFFICE|PURSUES|IMPLEMENTS|LEADS_TO|SUCCEEDED_BY|INSTANCE_OF|RELATES_TO|PROPOSED_BY]->()
WHERE r.id = $id
WITH nodes, events, collect({element: CASE WHEN r IS NULL THEN NULL ELSE label(r) END,
                     statement: coalesce(r.claim, r.description), value: regexp_replace(CAST(r.value AS STRING), '\\.?0+$', ''),
                     date: CASE WHEN r.date_precision IS NULL THEN CAST(NULL AS STRING)
                                WHEN r.since IS NOT NULL OR r.until IS NOT NULL
                                  THEN CASE WHEN r.until IS NULL THEN r.since
                                            ELSE coalesce(r.since, '..') + '/' + r.until END
                                ELSE coalesce(r.period, CAST(r.year AS STRING)) END,
                     precision: r.date_precision, basis: r.date_basis, date_locator: r.date_locator,
                     source: r.source, via: r.via, locator: r.locator, quote: r.quote}) AS relationships
OPTIONAL MATCH (x:Event)-[i:INVOLVES]->(p)
WHERE x.id = split_part($id, '>INVOLVES>', 1) AND coalesce(i.id, x.id + '>INVOLVES>' + p.id + ':' + i.role) = $id
WITH nodes, events, relationships,
     collect({element: CASE WHEN i IS NULL THEN NULL ELSE label(i) END, statement: CAST(NULL AS STRING), value: CAST(NULL AS STRING),
              date: CAST(NULL AS STRING), precision: CAST(NULL AS STRING), basis: CAST(NULL AS STRING), date_locator: CAST(NULL AS STRING),
              source: CASE WHEN i.id IS NULL THEN x.source ELSE i.source END,
              via: CASE WHEN i.id IS NULL THEN x.via ELSE i.via END,
              locator: CASE WHEN i.id IS NULL THEN x.locator ELSE i.locator END,
              quote: CASE WHEN i.id IS NULL THEN x.quote ELSE i.quote END}) AS involves
UNWIND nodes + events + relationships + involves AS f
WITH f
WHERE f.element IS NOT NULL
OPTIONAL MATCH (ds:Dataset)
WHERE f.locator STARTS WITH (ds.name + ' line')
OPTIONAL MATCH (s:Source {id: f.source})
OPTIONAL MATCH (v:Source {id: f.via})
WHERE f.via <> f.source
OPTIONAL MATCH (d:Source {id: f.basis})
UNWIND [{n: 1, field: 'statement', value: f.statement},
        {n: 2, field: 'value', value: f.value},
        {n: 3, field: 'date', value: f.date},
        {n: 4, field: 'date precision', value: f.precision},
        {n: 5, field: 'date basis', value: f.basis},
        {n: 6, field: 'date basis work', value: CASE WHEN d IS NULL THEN NULL ELSE d.name + ': ' + coalesce(d.title_en, d.title) END},
        {n: 7, field: 'date locator', value: f.date_locator},
        {n: 8, field: 'source', value: f.source},
        {n: 9, field: 'source title', value: s.title},
        {n: 10, field: 'source title_en', value: s.title_en},
        {n: 11, field: 'source authors', value: s.authors},
        {n: 12, field: 'source year', value: CAST(s.year AS STRING)},
        {n: 13, field: 'source venue', value: s.venue},
        {n: 14, field: 'via', value: f.via},
        {n: 15, field: 'via title', value: v.title},
        {n: 16, field: 'via title_en', value: v.title_en},
        {n: 17, field: 'via authors', value: v.authors},
        {n: 18, field: 'via year', value: CAST(v.year AS STRING)},
        {n: 19, field: 'via venue', value: v.venue},
        {n: 20, field: 'locator', value: f.locator},
        {n: 21, field: 'dataset', value: ds.id},
        {n: 22, field: 'dataset version', value: ds.version},
        {n: 23, field: 'quote', value: f.quote}] AS row
WITH f, row
WHERE row.value IS NOT NULL
RETURN f.element AS element, row.field AS field, row.value AS value
ORDER BY element, row.n, row.field
