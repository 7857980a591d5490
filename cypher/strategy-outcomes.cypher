// name: strategy-outcomes
// title: From strategies to outcomes
// description: How a strategy is said to produce outcomes: directly (Strategy-LEADS_TO->Outcome) or
//   through an event that implements it (Strategy<-IMPLEMENTS-Event-LEADS_TO->Outcome). One row per
//   path, by outcome: the event (empty for a direct claim), the outcome, the causal claim and its
//   confidence, and the citation of each step in path order ("source locator": the IMPLEMENTS
//   link, then the claim).
// param strategy: string = "third-neighbor-policy"  id Strategy  -- the Strategy's id
// column event: Event -- the implementing event's id (empty for a direct claim)
// column outcome: Outcome -- the outcome's id
// column confidence: Confidence -- the claim's confidence
// column claim: Claim -- the causal claim
// column citations cites: Citations -- each step's source and locator, in path order
MATCH (s:Strategy {id: $strategy})
MATCH p = (s)<-[:IMPLEMENTS*0..1]-(step)
MATCH (step)-[l:LEADS_TO]->(o:Outcome)
RETURN CASE WHEN length(p) = 0 THEN null ELSE step.id END AS event,
       o.id AS outcome,
       l.confidence AS confidence,
       l.claim AS claim,
       [r IN relationships(p) + [l] |
          r.source + CASE WHEN r.locator IS NULL THEN '' ELSE ' ' + r.locator END] AS citations
ORDER BY outcome, coalesce(event, ''), l.id, reduce(k = '', r IN relationships(p) | k + r.id)
