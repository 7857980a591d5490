// name: ego-network
// title: Ego network
// description: Everything within a given number of hops of a node, relationships followed in either
//   direction: each node once, at its shortest distance (hops), with its label and name. The
//   depth is at most 3.
// param id: string = "third-neighbor-policy"  id node  -- the id of the node at the centre
// param depth: int = 1  in 1..3  -- how many hops out
// column hops: Hops -- the node's shortest distance
// column label: Label -- the node's label
// column id: Id -- the node's id
// column name: Name -- the node's name
MATCH (n {id: $id})
MATCH p = (n)-[*1..3]-(m)
WHERE length(p) <= $depth AND m.id <> $id
WITH m, min(length(p)) AS hops
RETURN hops, labels(m)[0] AS label, m.id AS id, m.name AS name
ORDER BY hops, label, id
