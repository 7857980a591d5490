// name: causal-chains
// title: Causal chains
// description: What a starting element (an event, usually) is said to lead to, step by step: every
//   chain of LEADS_TO claims out of it, up to a number of steps (at most 5). One row per chain and
//   per prefix of a chain, in depth-first order, showing its last step: from, to, that claim and
//   its confidence.
// param start: string = "1960-sino-soviet-split"  id Event|Strategy|Outcome  -- the id of the event (or strategy, outcome) to start from
// param depth: int = 3  in 1..5  -- the longest chain shown, in steps
// column hops: Steps -- the chain's length
// column from: From -- the id of the step's cause
// column to: To -- the id of the step's effect
// column confidence: Confidence -- the claim's confidence
// column claim: Claim -- the causal claim, as the source makes it
MATCH (s {id: $start})
MATCH p = (s)-[:LEADS_TO*1..5]->(x)
WHERE length(p) <= $depth
WITH length(p) AS hops, relationships(p)[-1] AS step, nodes(p)[-2] AS previous, x,
     reduce(k = '', n IN nodes(p) | k + ' ' + n.id) AS node_key,
     reduce(k = '', r IN relationships(p) | k + ' ' + r.id) AS step_key
RETURN hops, previous.id AS from, x.id AS to, step.confidence AS confidence,
       step.claim AS claim
ORDER BY node_key, step_key
