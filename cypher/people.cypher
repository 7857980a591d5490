// name: people
// title: People in office
// description: The people who hold an office in a state or organization (HOLDS_OFFICE): their role,
//   the period (since, or since/until; mostly undated in the sources), and the events they take
//   part in, with the first and last year of those events as a proxy for when they acted. In
//   order of the first year; people whose events are all undated come last.
// param entity: string = "MNG"  id State|Organization  -- the id of a State or Organization
// column person: Person -- the person's id
// column role: Role -- the office held
// column period: Period -- the period in office (since, or since/until)
// column events: Events -- the events the person takes part in
// column first: First -- the first year of those events
// column last: Last -- the last year of those events
MATCH (p:Person)-[h:HOLDS_OFFICE]->(x {id: $entity})
OPTIONAL MATCH (e:Event)-[:INVOLVES]->(p)
WITH DISTINCT p, h, e
WITH p, h, count(e) AS events, min(e.year) AS first, max(e.year) AS last
RETURN p.id AS person, h.role AS role,
       CASE WHEN h.until IS NULL THEN h.since ELSE coalesce(h.since, '..') + '/' + h.until END AS period,
       events, first, last
ORDER BY coalesce(first, 9999), person, role, period
