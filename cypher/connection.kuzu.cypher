// Kùzu variant: ALL SHORTEST syntax, list_transform, list_to_string, 1-based lists, starts_with().
MATCH (x {id: $a})
MATCH (y {id: $b})
WHERE y.id <> x.id
MATCH p = (x)-[* ALL SHORTEST 1..10]-(y)
WITH list_transform(nodes(p), n -> label(n)) AS labels, list_transform(nodes(p), n -> n.id) AS ids,
     list_transform(nodes(p), n -> n.name) AS names, list_transform(rels(p), r -> label(r)) AS types,
     list_transform(rels(p), r -> r.id) AS rel_ids
WITH labels, ids, names, types, rel_ids,
     ' ' + list_to_string(' ', ids) AS node_key,
     ' ' + list_to_string(' ', rel_ids) AS rel_key
ORDER BY node_key, rel_key
LIMIT 1
WITH labels, ids, names, [''] + types AS types, [''] + rel_ids AS rel_ids, [''] + ids AS previous
UNWIND range(1, size(ids)) AS i
RETURN i - 1 AS step,
       CASE WHEN i = 1 THEN NULL
            WHEN starts_with(rel_ids[i], previous[i] + '>') THEN types[i] + ' →'
            ELSE '← ' + types[i] END AS via,
       labels[i] AS label, ids[i] AS id, names[i] AS name
ORDER BY step
