// name: why
// title: Why is this in the graph?
// description: The provenance of one node or relationship, named by its id (a relationship's id
//   looks like MNG>TIE>CHN:strategic_partnership): what it states, the work that establishes it
//   (source) and the work that reports it (via), each with its BibTeX entry (title, English
//   title, authors, year, venue), and where in the reporting text it is (locator) with the verbatim
//   quote. A dated element also says its date, how precise it is and where the date comes from
//   (date basis: the paper itself, or the work it is taken from, with that work's citation);
//   an indicator value gives its value. An element imported from a dataset's file (an ICEWS,
//   GDELT or POLECAT event, a COW tie or value) names the file and its lines in the locator, and
//   the imported file as the dataset, with its version (the hash of the file imported); an
//   imported event's participant (its INVOLVES, whose id, event>INVOLVES>state:role, is derived
//   rather than stored) gives its event's provenance. One row per field, in that order; an id
//   shared by several labels gives one block per label.
// param id: string  id node|relationship  e.g. "MNG>TIE>CHN:comprehensive_strategic_partnership"  -- the id of a node or relationship
// column element: Element -- the node's label or the relationship's type
// column field: Field -- what the row gives (statement, source, via, locator, quote, date ...)
// column value: Value -- its value
OPTIONAL MATCH (n {id: $id})
WITH collect({element: labels(n)[0], statement: n.name, value: null,
              date: CASE WHEN n.date_precision IS NULL THEN null
                         WHEN n.date_end IS NOT NULL THEN n.date + '/' + n.date_end
                         ELSE coalesce(n.date, toString(n.year)) END,
              precision: n.date_precision, basis: n.date_basis, date_locator: n.date_locator,
              source: n.source, via: n.via, locator: n.locator, quote: n.quote}) AS nodes
OPTIONAL MATCH ()-[r {id: $id}]->()
WITH nodes, collect({element: type(r), statement: coalesce(r.claim, r.description), value: CASE WHEN r.value = toInteger(r.value) THEN toString(toInteger(r.value))
                                                                 ELSE toString(r.value) END,
                     date: CASE WHEN r.date_precision IS NULL THEN null
                                WHEN r.since IS NOT NULL OR r.until IS NOT NULL
                                  THEN CASE WHEN r.until IS NULL THEN r.since
                                            ELSE coalesce(r.since, '..') + '/' + r.until END
                                ELSE coalesce(r.period, toString(r.year)) END,
                     precision: r.date_precision, basis: r.date_basis, date_locator: r.date_locator,
                     source: r.source, via: r.via, locator: r.locator, quote: r.quote}) AS relationships
OPTIONAL MATCH (x:Event {id: split($id, '>INVOLVES>')[0]})-[i:INVOLVES]->(p)
WHERE i.id IS NULL AND x.id + '>INVOLVES>' + p.id + ':' + i.role = $id
WITH nodes, relationships,
     collect({element: type(i), statement: null, value: null, date: null, precision: null, basis: null,
              date_locator: null, source: x.source, via: x.via, locator: x.locator, quote: x.quote}) AS participants
UNWIND nodes + relationships + participants AS f
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
        {n: 12, field: 'source year', value: toString(s.year)},
        {n: 13, field: 'source venue', value: s.venue},
        {n: 14, field: 'via', value: f.via},
        {n: 15, field: 'via title', value: v.title},
        {n: 16, field: 'via title_en', value: v.title_en},
        {n: 17, field: 'via authors', value: v.authors},
        {n: 18, field: 'via year', value: toString(v.year)},
        {n: 19, field: 'via venue', value: v.venue},
        {n: 20, field: 'locator', value: f.locator},
        {n: 21, field: 'dataset', value: ds.id},
        {n: 22, field: 'dataset version', value: ds.version},
        {n: 23, field: 'quote', value: f.quote}] AS row
WITH f, row
WHERE row.value IS NOT NULL
RETURN f.element AS element, row.field AS field, row.value AS value
ORDER BY element, row.n
