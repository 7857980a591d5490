// name: broker-events
// title: Broker events
// description: Events a state hosts or mediates (INVOLVES with role host or mediator) that involve
//   at least two other states: the venue and peace-broker role of a small state. With the
//   state's roles in the event, its CAMEO quad class, and the other states involved. In date
//   order; events without a date (undated, or habitual with no start) come last.
// param state: string = "MNG"  id State  -- the broker's id
// param min_others: int = 2  in 1..  -- the fewest other states the event must involve
// column date: Date -- the event's date
// column event: Event -- the event's id
// column roles: Roles -- the state's roles in the event (host, mediator)
// column quad: Quad class -- the event's CAMEO quad class
// column others: Other states -- the other states the event involves
MATCH (b:State {id: $state})<-[i:INVOLVES]-(e:Event)
WHERE i.role IN ['host', 'mediator']
WITH DISTINCT b, e, i.role AS role
ORDER BY role SKIP 0  // SKIP 0: Kùzu takes an ORDER BY in WITH only with SKIP or LIMIT
WITH b, e, collect(role) AS roles
MATCH (e)-[:INVOLVES]->(o:State)
WHERE o.id <> b.id
WITH DISTINCT e, roles, o.id AS other
ORDER BY other SKIP 0
WITH e, roles, collect(other) AS others
WHERE size(others) >= $min_others
RETURN e.date AS date, e.id AS event, roles, e.quad AS quad, others
ORDER BY date, event
