// Kùzu variant: its paths are walks, so hop counts come from SHORTEST; label(m) for labels(m)[0].
MATCH (n {id: $id})
MATCH p = (n)-[* SHORTEST 1..3]-(m)
WHERE length(p) <= $depth AND m.id <> $id
WITH m, min(length(p)) AS hops
RETURN hops, label(m) AS label, m.id AS id, m.name AS name
ORDER BY hops, label, id
