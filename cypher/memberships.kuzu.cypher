// Kùzu variant: ORDER BY in WITH needs SKIP; collect() of nothing but nulls is null, not [].
MATCH (s:State {id: $state})-[m:MEMBER_OF]->(o:Organization:Actor)
WITH s, o, min(m.since) AS since, max(m.until) AS until
OPTIONAL MATCH (other:State)-[:MEMBER_OF]->(o)
WHERE other.id <> s.id
WITH DISTINCT s, o, since, until, other.id AS other
ORDER BY other SKIP 0
WITH s, o, since, until, coalesce(collect(other), []) AS members
OPTIONAL MATCH (s)<-[:INVOLVES]-(e:Event)-[:INVOLVES]->(o)
WITH o, since, until, members, count(DISTINCT e) AS events
RETURN o.id AS organization, o.kind AS kind,
       CASE WHEN until IS NULL THEN since ELSE coalesce(since, '..') + '/' + until END AS period,
       events, members
ORDER BY since, organization
