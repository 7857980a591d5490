// name: why
// title: Why is this in the graph?
// description: The provenance of one node or relationship, named by its id (a relationship's id
//   looks like MNG>TIE>CHN:strategic_partnership): what it states, the work that establishes it
//   (source) and the work that reports it (via), each with its BibTeX entry (title, English
//   title, authors, year, venue), and where in the reporting text it is (locator) with the verbatim
//   quote. One row per field, in that order; an id shared by several labels gives one block per
//   label.
// param id: string  id node|relationship  e.g. "MNG>TIE>CHN:comprehensive_strategic_partnership"  -- the id of a node or relationship
OPTIONAL MATCH (n {id: $id})
WITH collect({element: labels(n)[0], statement: n.name, source: n.source, via: n.via,
              locator: n.locator, quote: n.quote}) AS nodes
OPTIONAL MATCH ()-[r {id: $id}]->()
WITH nodes, collect({element: type(r), statement: coalesce(r.claim, r.description), source: r.source,
                     via: r.via, locator: r.locator, quote: r.quote}) AS relationships
UNWIND nodes + relationships AS f
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
        {n: 6, field: 'source year', value: toString(s.year)},
        {n: 7, field: 'source venue', value: s.venue},
        {n: 8, field: 'via', value: f.via},
        {n: 9, field: 'via title', value: v.title},
        {n: 10, field: 'via title_en', value: v.title_en},
        {n: 11, field: 'via authors', value: v.authors},
        {n: 12, field: 'via year', value: toString(v.year)},
        {n: 13, field: 'via venue', value: v.venue},
        {n: 14, field: 'locator', value: f.locator},
        {n: 15, field: 'quote', value: f.quote}] AS row
WITH f, row
WHERE row.value IS NOT NULL
RETURN f.element AS element, row.field AS field, row.value AS value
ORDER BY element, row.n
