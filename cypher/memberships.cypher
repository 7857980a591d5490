// name: memberships
// title: Memberships
// description: The organizations and groups of states a state belongs to (MEMBER_OF): the
//   organization's or group's kind (a group of states, such as the communist camp, is an Actor of
//   kind state_group), the period of membership (since, or since/until), how many events involve
//   both the state and the organization, and the other member states in the graph. In order of
//   the membership's start; undated memberships come last.
// param state: string = "MNG"  id State  -- the state's id
// column organization: Organization -- the organization's or group's id
// column kind: Kind -- the organization's or group's kind
// column period: Period -- the membership's period (since, or since/until)
// column events: Events -- events involving both the state and the organization
// column members: Other members -- the other member states in the graph
MATCH (s:State {id: $state})-[m:MEMBER_OF]->(o)  // an Organization or an Actor, the only ends of MEMBER_OF
WITH s, o, min(m.since) AS since, max(m.until) AS until
OPTIONAL MATCH (other:State)-[:MEMBER_OF]->(o)
WHERE other.id <> s.id
WITH DISTINCT s, o, since, until, other.id AS other
ORDER BY other SKIP 0  // SKIP 0: Kùzu takes an ORDER BY in WITH only with SKIP or LIMIT
WITH s, o, since, until, coalesce(collect(other), []) AS members  // Kùzu's collect() of no values is null, not []
OPTIONAL MATCH (s)<-[:INVOLVES]-(e:Event)-[:INVOLVES]->(o)
WITH o, since, until, members, count(DISTINCT e) AS events
RETURN o.id AS organization, o.kind AS kind,
       CASE WHEN until IS NULL THEN since ELSE coalesce(since, '..') + '/' + until END AS period,
       events, members
ORDER BY since, organization
