// Kùzu variant: Kùzu requires SKIP or LIMIT after ORDER BY in WITH.
MATCH (b:State {id: $state})<-[i:INVOLVES]-(e:Event)
WHERE i.role IN ['host', 'mediator']
WITH DISTINCT b, e, i.role AS role
ORDER BY role SKIP 0
WITH b, e, collect(role) AS roles
MATCH (e)-[:INVOLVES]->(o:State)
WHERE o.id <> b.id
WITH DISTINCT e, roles, o.id AS other
ORDER BY other SKIP 0
WITH e, roles, collect(other) AS others
WHERE size(others) >= $min_others
RETURN e.date AS date, e.id AS event, roles, e.quad AS quad, others
ORDER BY date, event
