// name: connection
// title: Shortest connection
// description: How two nodes are connected: a shortest path between them (at most 10 steps,
//   relationships followed in either direction), node by node. Where several paths are equally
//   short, the first by node ids, then relationship ids, is shown. via is the relationship from
//   the previous node, with an arrow showing its direction ("PURSUES →": the previous node pursues
//   this one). No rows when the ids are the same. On the embedded engine (Kùzu 0.11.3), an id that
//   two labels share (neutrality: a Strategy and a Concept) can come back as a path that is not in
//   the graph.
// param a: string = "MNG"  id node  -- the id of the node to start from
// param b: string = "womack2006"  id node  -- the id of the node to reach
// column step: Step -- the node's place on the path
// column via: Via -- the relationship from the previous node, with its direction
// column label: Label -- the node's label
// column id: Id -- the node's id
// column name: Name -- the node's name
MATCH (x {id: $a})
MATCH (y {id: $b})
WHERE y.id <> x.id
MATCH p = allShortestPaths((x)-[*..10]-(y))
WITH [n IN nodes(p) | labels(n)[0]] AS labels, [n IN nodes(p) | n.id] AS ids,
     [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS types,
     [r IN relationships(p) | r.id] AS rel_ids
WITH labels, ids, names, types, rel_ids,
     reduce(k = '', i IN ids | k + ' ' + i) AS node_key,
     reduce(k = '', i IN rel_ids | k + ' ' + i) AS rel_key
ORDER BY node_key, rel_key
LIMIT 1
WITH labels, ids, names, [''] + types AS types, [''] + rel_ids AS rel_ids, [''] + ids AS previous
UNWIND range(0, size(ids) - 1) AS i
RETURN i AS step,
       CASE WHEN i = 0 THEN null
            WHEN rel_ids[i] STARTS WITH (previous[i] + '>') THEN types[i] + ' →'
            ELSE '← ' + types[i] END AS via,
       labels[i] AS label, ids[i] AS id, names[i] AS name
ORDER BY step
