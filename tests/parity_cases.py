"""The parameter sets each canned query is run with when the two engines are compared.

Each query runs with its defaults (its header's example where a parameter is required) and with
the sets below: other states, years, depths and flags, and, where a parameter takes the id of any
node or relationship, an id of every label and of every relationship type. Every id names
something in the shipped seeds (tests/test_parity.py checks it), and the sets are chosen so that
most give rows; one that gives none still has to give none on both engines.
"""

from __future__ import annotations

from typing import Any

from dyadgraph.queries import Query

# One id of each label in the shipped seeds (seeds/mongolia), for parameters that take any node.
NODE_IDS = {
    "State": "CHN",
    "Organization": "UN",
    "Person": "elbegdorj",
    "Actor": "inner-mongolia",
    "Event": "1960-sino-soviet-split",
    "Strategy": "mediator-peace-broker",
    "Outcome": "sheep-diplomacy-success",
    "Concept": "smart-state",
    "Indicator": "gdp_current_usd",
    "Source": "womack2006",
    "Dataset": "mongolia",
}
# One id of each relationship type, for parameters that take any relationship.
RELATIONSHIP_IDS = {
    "TIE": "MNG>TIE>RUS:land_border",
    "TRADE": "MNG>TRADE>CHN:2020",
    "MEASURED": "CHN>MEASURED>gdp_current_usd:2020",
    "MEMBER_OF": "MNG>MEMBER_OF>UN:1961",
    "PART_OF": "inner-mongolia>PART_OF>CHN",
    "HOLDS_OFFICE": "elbegdorj>HOLDS_OFFICE>MNG:President of Mongolia",
    "INVOLVES": "1960-sino-soviet-split>INVOLVES>CHN:participant",
    "PURSUES": "MNG>PURSUES>third-neighbor-policy:1990",
    "IMPLEMENTS": "1921-china-maintains-sovereignty-claim>IMPLEMENTS>china-sovereignty-claim",
    "LEADS_TO": "1960-sino-soviet-split>LEADS_TO>mongolia-china-relations-frozen",
    "SUCCEEDED_BY": "SUN>SUCCEEDED_BY>RUS:1991",
    "INSTANCE_OF": "third-neighbor-policy>INSTANCE_OF>external-balancing",
    "RELATES_TO": "smart-state>RELATES_TO>smart-state-strategy:related",
    "PROPOSED_BY": "smart-state>PROPOSED_BY>pedi2019",
}

# Beyond the defaults. Depths above 1 start from nodes with few neighbours: Neo4j enumerates every
# path of a variable-length pattern, and MNG's three-hop paths number in the millions.
PARAMETER_SETS: dict[str, list[dict[str, Any]]] = {
    "asymmetric-dyads": [
        {"indicator": "population"},
        {"year": 2019},
        {"indicator": "population", "year": 2014},
    ],
    "broker-events": [
        {"state": "CHN"},
        {"state": "FIN", "min_others": 1},
        {"state": "MNG", "min_others": 3},
        {"state": "USA", "min_others": 1},
    ],
    "causal-chains": [
        {"depth": 1},
        {"start": "1990-end-of-cold-war-and-soviet-collapse", "depth": 5},
        {"start": "third-neighbor-policy", "depth": 2},
        {"start": "landlocked-between-two-powers", "depth": 4},
    ],
    "concept-map": [
        {"kind": "theory"},
        {"kind": "concept"},
        {"concept": "smart-state"},
        {"concept": "agenda-setting", "kind": "theory"},
    ],
    "connection": [
        {"a": "CHN", "b": "USA"},
        {"a": "elbegdorj", "b": "mediator-peace-broker"},
        {"a": "UN", "b": "inner-mongolia"},
        {"a": "1960-sino-soviet-split", "b": "sheep-diplomacy-success"},
        {"a": "smart-state", "b": "gdp_current_usd"},
        {"a": "mongolia", "b": "MNG"},
        {"a": "MNG", "b": "MNG"},
    ],
    "cooperation-conflict": [
        {"focal": ""},
        {"focal": "CHN", "from_year": 1990},
        {"focal": "MNG", "from_year": 1960, "to_year": 1990, "paper_dates": True},
        {"focal": "PRK"},
        {"focal": "", "to_year": 1960},
    ],
    "dyad-timeline": [
        {"a": "MNG", "b": "RUS"},
        {"a": "RUS", "b": "MNG", "predecessors": False},
        {"a": "KOR", "b": "PRK", "actors": False},
        {"a": "inner-mongolia", "b": "MNG"},
        {"from_year": 1990, "to_year": 2020, "paper_dates": True},
        {"a": "CHN", "b": "SUN", "from_year": 1950},
    ],
    "ego-network": [
        *({"id": node_id} for node_id in NODE_IDS.values()),
        {"id": "MNG"},
        {"id": "elbegdorj", "depth": 2},
        {"id": "sheep-diplomacy-success", "depth": 3},
    ],
    "event-types": [
        {"state": "MNG"},
        {"state": "CHN", "from_year": 1990},
        {"from_year": 1900, "to_year": 1999, "paper_dates": True},
        {"state": "PRK", "paper_dates": True},
    ],
    "memberships": [{"state": "CHN"}, {"state": "PRK"}, {"state": "SUN"}, {"state": "KOR"}],
    "partnership-ladder": [{"focal": "CHN"}, {"focal": "USA"}, {"focal": "IND"}, {"focal": "RUS"}],
    "people": [{"entity": "USA"}, {"entity": "CHN"}, {"entity": "ITT-LLDC"}, {"entity": "PRK"}],
    "sources-for": [
        *({"id": node_id} for node_id in (*NODE_IDS.values(), "MNG", "neutrality")),
        {"id": "MNG", "partner": "CHN"},
        {"id": "MNG", "partner": "USA"},
        {"id": "CHN", "partner": "SUN"},
    ],
    "strategy-outcomes": [
        {"strategy": "strategic-partnership-network"},
        {"strategy": "us-indo-pacific-strategy"},
        {"strategy": "mediator-peace-broker"},
        {"strategy": "neutrality"},
    ],
    "strategy-portfolio": [{"state": "CHN"}, {"state": "KOR"}, {"state": "USA"}, {"state": "IND"}],
    "third-neighbors": [
        {"focal": "CHN", "neighbors": "MNG,RUS"},
        {"focal": "MNG", "neighbors": " CHN , RUS "},
        {"focal": "MNG", "neighbors": "CHN"},
        {"focal": "USA", "neighbors": "CAN"},
    ],
    "ties-as-of": [
        {"year": 1960},
        {"focal": "CHN", "year": 1990, "undated": True},
        {"year": 2020, "paper_dates": True, "undated": True},
        {"year": 1985},
        {"focal": "SUN", "year": 1995},
    ],
    "why": [
        *({"id": node_id} for node_id in NODE_IDS.values()),
        *({"id": rel_id} for rel_id in RELATIONSHIP_IDS.values()),
        {"id": "neutrality"},
    ],
}


def parameter_sets(query: Query) -> list[dict[str, Any]]:
    """The query's bound parameters for each set: its defaults (with the header's example where a
    parameter is required) first, then each set of PARAMETER_SETS over those."""
    base = query.example_parameters()
    return [query.bind(base), *(query.bind({**base, **given}) for given in PARAMETER_SETS.get(query.name, []))]
