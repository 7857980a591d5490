// Kùzu variant: ALL SHORTEST syntax, list_transform, 1-based lists; fast among a million imported events (5 s plainly): searches from the end that is not a State (States hold every imported event), one branch per case because Kùzu narrows a search only by a condition on its start node alone; the empty projection {} spares reading every relationship's properties; arrows from each relationship's source node; ties broken by node ids, then from>TYPE>to per relationship (the id without its discriminator, which changes nothing shown), then labels.
MATCH (x {id: $a}) WHERE label(x) <> 'State'
MATCH (y {id: $b}) WHERE true AND y.id <> $a
MATCH (x)-[e* ALL SHORTEST 1..10 (r, n | {}, {n.id, n.name})]-(y)
WITH size(rels(e)) AS len, x, y,
     list_transform(nodes(e), n -> label(n)) AS inner_labels, list_transform(nodes(e), n -> n.id) AS inner_ids,
     list_transform(nodes(e), n -> n.name) AS inner_names, list_transform(nodes(e), n -> id(n)) AS inner_nids,
     list_transform(rels(e), r -> label(r)) AS hop_types, list_transform(rels(e), r -> struct_extract(r, '_src')) AS hop_sources
WITH [label(x)] + inner_labels + [label(y)] AS labels,
     [x.id] + inner_ids + [y.id] AS ids,
     [x.name] + inner_names + [y.name] AS names,
     [id(x)] + inner_nids + [id(y)] AS nids,
     hop_types AS types, hop_sources AS sources
WITH labels, ids, names, types, list_transform(range(1, size(types)), i -> sources[i] = nids[i]) AS forward
WITH labels, ids, names, types, forward,
     ' ' + list_to_string(' ', ids) AS node_key,
     ' ' + list_to_string(' ', list_transform(range(1, size(types)),
         i -> CASE WHEN forward[i] THEN ids[i] + '>' + types[i] + '>' + ids[i + 1]
                   ELSE ids[i + 1] + '>' + types[i] + '>' + ids[i] END)) AS rel_key,
     list_to_string(' ', labels) AS label_key
ORDER BY node_key, rel_key, label_key
LIMIT 1
WITH labels, ids, names, [''] + types AS types, [false] + forward AS forward
UNWIND range(1, size(ids)) AS i
RETURN i - 1 AS step,
       CASE WHEN i = 1 THEN NULL
            WHEN forward[i] THEN types[i] + ' →'
            ELSE '← ' + types[i] END AS via,
       labels[i] AS label, ids[i] AS id, names[i] AS name
ORDER BY step
UNION ALL
MATCH (x {id: $a}) WHERE label(x) = 'State'
MATCH (y {id: $b}) WHERE label(y) = 'State' AND y.id <> $a
MATCH (x)-[e* ALL SHORTEST 1..10 (r, n | {}, {n.id, n.name})]-(y)
WITH size(rels(e)) AS len, x, y,
     list_transform(nodes(e), n -> label(n)) AS inner_labels, list_transform(nodes(e), n -> n.id) AS inner_ids,
     list_transform(nodes(e), n -> n.name) AS inner_names, list_transform(nodes(e), n -> id(n)) AS inner_nids,
     list_transform(rels(e), r -> label(r)) AS hop_types, list_transform(rels(e), r -> struct_extract(r, '_src')) AS hop_sources
WITH [label(x)] + inner_labels + [label(y)] AS labels,
     [x.id] + inner_ids + [y.id] AS ids,
     [x.name] + inner_names + [y.name] AS names,
     [id(x)] + inner_nids + [id(y)] AS nids,
     hop_types AS types, hop_sources AS sources
WITH labels, ids, names, types, list_transform(range(1, size(types)), i -> sources[i] = nids[i]) AS forward
WITH labels, ids, names, types, forward,
     ' ' + list_to_string(' ', ids) AS node_key,
     ' ' + list_to_string(' ', list_transform(range(1, size(types)),
         i -> CASE WHEN forward[i] THEN ids[i] + '>' + types[i] + '>' + ids[i + 1]
                   ELSE ids[i + 1] + '>' + types[i] + '>' + ids[i] END)) AS rel_key,
     list_to_string(' ', labels) AS label_key
ORDER BY node_key, rel_key, label_key
LIMIT 1
WITH labels, ids, names, [''] + types AS types, [false] + forward AS forward
UNWIND range(1, size(ids)) AS i
RETURN i - 1 AS step,
       CASE WHEN i = 1 THEN NULL
            WHEN forward[i] THEN types[i] + ' →'
            ELSE '← ' + types[i] END AS via,
       labels[i] AS label, ids[i] AS id, names[i] AS name
ORDER BY step
UNION ALL
MATCH (x {id: $a}) WHERE label(x) = 'State'
MATCH (y {id: $b}) WHERE label(y) <> 'State' AND y.id <> $a
MATCH (y)-[e* ALL SHORTEST 1..10 (r, n | {}, {n.id, n.name})]-(x)
WITH size(rels(e)) AS len, x, y,
     list_transform(nodes(e), n -> label(n)) AS inner_labels, list_transform(nodes(e), n -> n.id) AS inner_ids,
     list_transform(nodes(e), n -> n.name) AS inner_names, list_transform(nodes(e), n -> id(n)) AS inner_nids,
     list_transform(rels(e), r -> label(r)) AS hop_types, list_transform(rels(e), r -> struct_extract(r, '_src')) AS hop_sources
WITH [label(x)] + list_transform(range(1, len - 1), k -> inner_labels[len - 1 + 1 - k]) + [label(y)] AS labels,
     [x.id] + list_transform(range(1, len - 1), k -> inner_ids[len - 1 + 1 - k]) + [y.id] AS ids,
     [x.name] + list_transform(range(1, len - 1), k -> inner_names[len - 1 + 1 - k]) + [y.name] AS names,
     [id(x)] + list_transform(range(1, len - 1), k -> inner_nids[len - 1 + 1 - k]) + [id(y)] AS nids,
     list_transform(range(1, len), k -> hop_types[len + 1 - k]) AS types, list_transform(range(1, len), k -> hop_sources[len + 1 - k]) AS sources
WITH labels, ids, names, types, list_transform(range(1, size(types)), i -> sources[i] = nids[i]) AS forward
WITH labels, ids, names, types, forward,
     ' ' + list_to_string(' ', ids) AS node_key,
     ' ' + list_to_string(' ', list_transform(range(1, size(types)),
         i -> CASE WHEN forward[i] THEN ids[i] + '>' + types[i] + '>' + ids[i + 1]
                   ELSE ids[i + 1] + '>' + types[i] + '>' + ids[i] END)) AS rel_key,
     list_to_string(' ', labels) AS label_key
ORDER BY node_key, rel_key, label_key
LIMIT 1
WITH labels, ids, names, [''] + types AS types, [false] + forward AS forward
UNWIND range(1, size(ids)) AS i
RETURN i - 1 AS step,
       CASE WHEN i = 1 THEN NULL
            WHEN forward[i] THEN types[i] + ' →'
            ELSE '← ' + types[i] END AS via,
       labels[i] AS label, ids[i] AS id, names[i] AS name
ORDER BY step
