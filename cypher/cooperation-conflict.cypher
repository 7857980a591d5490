// name: cooperation-conflict
// title: Cooperation and conflict by dyad and year
// description: For every pair of states involved in the same event, per year, the number of
//   events in each CAMEO quad class, named as in ICEWS aggregates: verbcoop (verbal cooperation),
//   matcoop (material cooperation), verbconf (verbal conflict), matconf (material conflict); events
//   counts them all, those without a quad class included. With a focal state, only its dyads,
//   the focal state as a. Events without a year (undated, or habitual with no start) are counted
//   in a row of their own with an empty year, last in each dyad; a year bound leaves them out.
//   With paper_dates, an event dated from another work than the paper counts as undated.
// param focal: string = "MNG"  id State  -- a state's id; empty for every dyad (a before b alphabetically)
// param from_year: int = null  in 1000..9999  -- the first year counted (empty: no lower bound)
// param to_year: int = null  in 1000..9999  -- the last year counted (empty: no upper bound)
// param paper_dates: bool = false  -- only the dates the paper gives (date_basis paper); others count as unknown
// column a: State A -- the focal (or first) state
// column b: State B -- the other state
// column year: Year -- the events' year (empty: undated)
// column verbcoop: Verbal coop. -- events of verbal cooperation
// column matcoop: Material coop. -- events of material cooperation
// column verbconf: Verbal conflict -- events of verbal conflict
// column matconf: Material conflict -- events of material conflict
// column events: Events -- all events of the dyad and year
MATCH (u:State)<-[:INVOLVES]-(e:Event)
WHERE u.id = $focal OR $focal = ''
WITH u, e  // then the events' other states: as one pattern, Kùzu joins the whole INVOLVES table twice
MATCH (e)-[:INVOLVES]->(v:State)
WHERE ($focal <> '' OR u.id < v.id) AND u.id <> v.id
WITH DISTINCT u.id AS a, v.id AS b, e,
     CASE WHEN NOT $paper_dates OR e.date_basis = 'paper' THEN e.year END AS year
WHERE ($from_year IS NULL OR year >= $from_year)
  AND ($to_year IS NULL OR year <= $to_year)
RETURN a, b, year,
       count(CASE WHEN e.quad = 'verbal_coop' THEN 1 END) AS verbcoop,
       count(CASE WHEN e.quad = 'material_coop' THEN 1 END) AS matcoop,
       count(CASE WHEN e.quad = 'verbal_conflict' THEN 1 END) AS verbconf,
       count(CASE WHEN e.quad = 'material_conflict' THEN 1 END) AS matconf,
       count(e) AS events
ORDER BY a, b, year, a  // a string key last: Kùzu can misorder rows whose last key is a number after strings
