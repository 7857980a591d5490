"""The ontology (docs/ontology.md), declared once.

Everything else derives from this module: the Kùzu DDL, the Neo4j constraints and
indexes, the seed CSV columns, the validator's type and enum checks, the linter's
schema and the seed README's column dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PropType = Literal["STRING", "INT64", "DOUBLE", "BOOL"]
# The values an INT64 property (and an integer parameter) can hold, in both engines.
INT64_RANGE = range(-(2**63), 2**63)


@dataclass(frozen=True)
class Prop:
    name: str
    type: PropType = "STRING"
    doc: str = ""
    required: bool = False
    enum: tuple[str, ...] = ()
    # Derived properties are computed by the loader (e.g. TIE.year_from from since);
    # a seed file may carry them, and then they must agree.
    derived: bool = False


@dataclass(frozen=True)
class NodeLabel:
    name: str
    doc: str
    props: tuple[Prop, ...]

    def prop(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)


@dataclass(frozen=True)
class RelType:
    name: str
    doc: str
    endpoints: tuple[tuple[str, str], ...]
    props: tuple[Prop, ...] = field(default=())

    @property
    def from_labels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for f, _ in self.endpoints))

    @property
    def to_labels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for _, t in self.endpoints))

    def prop(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)


PROVENANCE = (
    Prop("source", doc="BibTeX key of the work that establishes the fact", required=True),
    Prop("via", doc="BibTeX key of the work that reports it (mostly huang2021)"),
    Prop("locator", doc="where in via/source: section and paragraph, footnote, page"),
    Prop("quote", doc="verbatim quote, at most 120 characters, from the reporting text"),
)
QUOTE_MAX = 120

# fmt: off
EVENT_KINDS = (
    "visit", "agreement", "declaration", "resolution", "sanction", "exercise", "protest",
    "aid", "conference", "war", "recognition", "rupture", "normalization", "membership",
    # extensions (ONTOLOGY.md allows new kinds)
    "meeting", "statement", "policy", "election", "independence", "revolution",
    "establishment", "crisis", "trade", "investment", "dispute", "negotiation", "law",
    "commemoration", "dissolution", "annexation", "occupation",
    # exchanges of people, technology or culture (monks and scholars, technicians)
    "exchange",
    # people moving abroad to work (migrant workers, recruited athletes); troops sent on peacekeeping missions
    "migration", "peacekeeping",
    # machine-coded events of an imported event dataset (ICEWS, GDELT): cameo and quad say what happened
    "coded_event",
)
QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
VALENCES = ("positive", "negative", "mixed")
ROLES = ("initiator", "target", "host", "visitor", "participant", "mediator")
CONFIDENCES = ("high", "medium", "low")
TIE_KINDS = (
    "diplomatic_relations", "recognition", "comprehensive_partnership",
    "strategic_partnership", "comprehensive_strategic_partnership", "alignment",
    "rupture", "normalization", "border_agreement",
    # extensions
    "friendship_treaty", "alliance", "military_presence", "suzerainty", "occupation",
    "third_neighbor", "war", "economic_partnership", "dispute", "military_cooperation",
    "land_border",
    # fighting on the same side of a war, without a treaty or stationed troops (Nomonhan, 1939)
    "co_belligerence",
    # COW Diplomatic Exchange: the level of the from-state's representation at the to-state
    # (the codebook's DR_at codes 1 chargé d'affaires, 2 minister, 3 ambassador, 9 other)
    "embassy_charge", "embassy_minister", "embassy_ambassador", "embassy_other",
    # COW Formal Alliances: the from-state's pledge to the to-state (the codebook's four types)
    "defense_pact", "neutrality_pact", "nonaggression_pact", "entente",
)
ORG_KINDS = (
    "igo", "forum", "think_tank", "ngo", "government_agency", "party", "media", "company", "university", "military",
)
# Actors that are neither states, organizations nor people.
ACTOR_KINDS = (
    "region", "population", "ethnic_group", "group", "elite", "armed_forces", "intelligence_service", "media",
    "state_group",
)
CONCEPT_KINDS = ("theory", "concept")
RELATES_KINDS = ("refines", "contrasts", "between", "part_of", "related")
# How precise a row's date is. decade: a start is the decade's first year and an end its last
# (1960 to 1989 for "the 1960s to the late 1980s"); approx: about that year ("mid-1960s",
# "after 2013"); undated: the source gives no date, and the row has none; habitual: it
# recurs or goes on, from the date when one is given.
DATE_PRECISIONS = ("day", "month", "year", "decade", "approx", "undated", "habitual")
# fmt: on

ID = Prop("id", doc="primary key", required=True)
NAME = Prop("name", doc="name in English", required=True)
NAME_ZH = Prop("name_zh", doc="name in Chinese, verbatim as the source writes it")
DESCRIPTION = Prop("description", doc="one or two sentences in English")
AMOUNT = (
    Prop("amount", "DOUBLE", doc="a figure the source gives for this element"),
    Prop("amount_unit", doc="what amount counts (sheep, tonnes, USD, hours, members, ...)"),
)

# Where every dated row's date comes from, and how precise it is (docs/ontology.md, "Dates").
DATE_BASIS_PAPER = "paper"
DATING = (
    Prop(
        "date_basis",
        doc="paper: the reporting text writes the date (at the locator, or at date_locator); "
        "else the BibTeX key of the work the date is taken from",
    ),
    Prop("date_precision", enum=DATE_PRECISIONS, doc="how precise the date is; undated: no date at all"),
    Prop("date_locator", doc="where the reporting text writes the date, when not in the locator's paragraph"),
)

NODES: tuple[NodeLabel, ...] = (
    NodeLabel(
        "State",
        "A state, historical ones included; id is ISO 3166-1 alpha-3 (SUN for the USSR, X.. user codes)",
        (
            ID,
            NAME,
            NAME_ZH,
            Prop("cow_code", "INT64", doc="Correlates of War country code (ccode)"),
            Prop("landlocked", "BOOL", doc="true when the state has no sea coast"),
            Prop("region", doc="world region (East Asia, Europe, ...)"),
            *PROVENANCE,
        ),
    ),
    NodeLabel(
        "Organization",
        "An international organization, forum, think tank or agency; id is an upper-case slug",
        (ID, NAME, NAME_ZH, Prop("kind", enum=ORG_KINDS, required=True), DESCRIPTION, *AMOUNT, *PROVENANCE),
    ),
    NodeLabel(
        "Person",
        "A leader or official; id is a lower-case slug of the name",
        (ID, NAME, NAME_ZH, Prop("role", doc="office, free text (President of Mongolia)"), *PROVENANCE),
    ),
    NodeLabel(
        "Actor",
        "An actor that is neither a state, an organization nor a person: a region, a population or group, "
        "armed forces, a country's media, a group of states; id is a lower-case slug",
        (ID, NAME, NAME_ZH, Prop("kind", enum=ACTOR_KINDS, required=True), DESCRIPTION, *PROVENANCE),
    ),
    NodeLabel(
        "Event",
        "An event, dated where its source dates it; id is a slug starting with the year (none when undated); "
        "name repeats title",
        (
            ID,
            Prop("name", doc="the title again, so every label answers n.name", derived=True),
            Prop("title", doc="what happened, in English", required=True),
            Prop("title_zh", doc="the title in Chinese, in the paper's wording"),
            Prop(
                "date",
                doc="ISO 8601 at the source's precision: 2014, 2019-07, 2013-04-29; "
                "empty only when date_precision is undated or habitual",
            ),
            Prop("year", "INT64", doc="the year of date", derived=True),
            Prop("date_end", doc="the end of a span the source gives (2016 for 2015-2016), as date"),
            *DATING,
            Prop("kind", enum=EVENT_KINDS, required=True),
            Prop("cameo", doc="CAMEO event code, as a string (057)"),
            Prop("quad", enum=QUADS, doc="CAMEO quad class"),
            Prop(
                "goldstein",
                "DOUBLE",
                doc="Goldstein scale -10..10 (ICEWS Intensity, GDELT GoldsteinScale, POLECAT Intensity)",
            ),
            Prop("plover_type", doc="PLOVER event type of a POLECAT event (AGREE, CONSULT, ..., ASSAULT)"),
            Prop("plover_mode", doc="PLOVER event mode: how it happened (visit, phone, ...), as POLECAT gives it"),
            Prop("plover_context", doc="PLOVER contexts: what it was about (military, economic, ...), as in POLECAT"),
            DESCRIPTION,
            *AMOUNT,
            *PROVENANCE,
        ),
    ),
    NodeLabel(
        "Strategy",
        "A foreign-policy strategy; id is a slug",
        (ID, NAME, NAME_ZH, DESCRIPTION, *PROVENANCE),
    ),
    NodeLabel(
        "Outcome",
        "A result the source attributes to strategies or events",
        (
            ID,
            NAME,
            NAME_ZH,
            Prop("valence", enum=VALENCES, required=True),
            DESCRIPTION,
            Prop("year", "INT64", doc="when it was observed, where the source says"),
            *DATING,
            *AMOUNT,
            *PROVENANCE,
        ),
    ),
    NodeLabel(
        "Concept",
        "A theory or concept of international relations",
        (ID, NAME, NAME_ZH, Prop("kind", enum=CONCEPT_KINDS, required=True), DESCRIPTION, *PROVENANCE),
    ),
    NodeLabel(
        "Indicator",
        "A measured quantity (gdp_current_usd, population, strategic_partner_count)",
        (
            ID,
            NAME,
            Prop("unit", doc="what a value counts (current US$, states, fraction)"),
            Prop("description", doc="what the indicator measures, and of what"),
            *PROVENANCE,
        ),
    ),
    NodeLabel(
        "Source",
        "A bibliographic work; id is its BibTeX key; read from sources.bib",
        (
            ID,
            Prop("name", doc="short citation: Womack 2006", derived=True),
            Prop("entry_type", doc="BibTeX entry type (article, book, online, ...)"),
            Prop("title", doc="title as published, in the work's own script"),
            Prop("title_en", doc="English translation of a non-English title"),
            Prop("title_romanized", doc="romanised title of a non-English work"),
            Prop("authors", doc="as cited in Latin script: romanised where the work's own script is another"),
            Prop("authors_original", doc="the authors in the work's own script, when not Latin (黃瓊萩)"),
            Prop("year", "INT64"),
            Prop("venue", doc="journal, publisher or site"),
            Prop("url"),
            Prop("language"),
            *PROVENANCE,
        ),
    ),
    NodeLabel(
        "Dataset",
        "A loaded seed directory, written by the loader: which data, at which version, the graph holds",
        (
            ID,
            Prop("name", doc="the seed directory's name", derived=True),
            Prop("version", doc="hash of the directory's seed files (sha256, 16 hex digits)", derived=True),
            Prop("files", "INT64", doc="how many seed files were read", derived=True),
        ),
    ),
)
# Labels whose nodes the loader derives rather than reads from a CSV of the same name.
DERIVED_LABELS = ("Source", "Dataset")

SINCE_UNTIL = (
    Prop("since", doc="ISO date at the source's precision"),
    Prop("until", doc="ISO date, empty while in force"),
)

RELATIONSHIPS: tuple[RelType, ...] = (
    RelType(
        "TIE",
        "A status between two states; from the initiating or focal state",
        (("State", "State"),),
        (
            Prop("kind", enum=TIE_KINDS, required=True),
            *SINCE_UNTIL,
            Prop("year_from", "INT64", doc="the year of since", derived=True),
            Prop("year_to", "INT64", doc="the year of until", derived=True),
            *DATING,
            DESCRIPTION,
            *PROVENANCE,
        ),
    ),
    RelType(
        "TRADE",
        "Trade shares of the from-state with the to-state",
        (("State", "State"),),
        (
            Prop("year", "INT64", required=True),
            Prop("period", doc="e.g. 2020-01/2020-07"),
            Prop("export_share", "DOUBLE", doc="fraction 0..1 of the from-state's exports"),
            Prop("import_share", "DOUBLE", doc="fraction 0..1 of the from-state's imports"),
            Prop("trade_share", "DOUBLE", doc="fraction 0..1 of the from-state's total trade"),
            *DATING,
            *PROVENANCE,
        ),
    ),
    RelType(
        "MEASURED",
        "A value of an indicator for a state, an organization, a group (Actor) or a concept (how many "
        "instances of it exist), in a year",
        (("State", "Indicator"), ("Organization", "Indicator"), ("Actor", "Indicator"), ("Concept", "Indicator")),
        (
            Prop("year", "INT64", required=True),
            Prop("period", doc="the span the value covers when it is not the whole year: 2020-01/2020-07"),
            Prop("value", "DOUBLE", required=True),
            *DATING,
            *PROVENANCE,
        ),
    ),
    RelType(
        "MEMBER_OF",
        "Membership of an organization or of a group of states (an Actor of kind state_group)",
        (("State", "Organization"), ("State", "Actor")),
        (*SINCE_UNTIL, *DATING, *PROVENANCE),
    ),
    RelType(
        "PART_OF",
        "The state an actor belongs to: the state a region lies in, or whose population, armed forces or media it is",
        (("Actor", "State"),),
        PROVENANCE,
    ),
    RelType(
        "HOLDS_OFFICE",
        "A person's office",
        (("Person", "State"), ("Person", "Organization")),
        (Prop("role"), *SINCE_UNTIL, *DATING, *PROVENANCE),
    ),
    RelType(
        "INVOLVES",
        "A participant of an event; one an import writes carries only its role, the event its provenance",
        (("Event", "State"), ("Event", "Organization"), ("Event", "Person"), ("Event", "Actor")),
        (Prop("role", enum=ROLES, required=True), *PROVENANCE),
    ),
    RelType("PURSUES", "A state's strategy", (("State", "Strategy"),), (*SINCE_UNTIL, *DATING, *PROVENANCE)),
    RelType("IMPLEMENTS", "An event carrying out a strategy", (("Event", "Strategy"),), PROVENANCE),
    RelType(
        "LEADS_TO",
        "A causal claim",
        tuple((f, t) for f in ("Strategy", "Event", "Outcome") for t in ("Outcome", "Event")),
        (
            Prop("claim", doc="the causal claim as the source makes it", required=True),
            Prop("confidence", enum=CONFIDENCES, required=True),
            Prop("contested", "BOOL", doc="the source or a cited work disputes it"),
            *PROVENANCE,
        ),
    ),
    RelType(
        "SUCCEEDED_BY",
        "A change of state identity",
        (("State", "State"),),
        (Prop("year", "INT64", required=True), *DATING, *PROVENANCE),
    ),
    RelType("INSTANCE_OF", "A strategy exemplifying a concept", (("Strategy", "Concept"),), PROVENANCE),
    RelType(
        "RELATES_TO",
        "How two concepts relate",
        (("Concept", "Concept"),),
        (Prop("kind", enum=RELATES_KINDS, required=True), *PROVENANCE),
    ),
    RelType("PROPOSED_BY", "Who proposed a concept", (("Concept", "Source"),), PROVENANCE),
)

# Every relationship carries a derived `id` so that it can be named in `why`,
# merged idempotently in Neo4j and exported with a stable identity.
REL_ID = Prop("id", doc="derived: from>TYPE>to plus a distinguishing value", derived=True)

NODE_BY_NAME = {n.name: n for n in NODES}
REL_BY_NAME = {r.name: r for r in RELATIONSHIPS}

# An INVOLVES written by an import holds its role only, its other properties null (docs/ontology.md,
# "Imported events"). Its provenance is its event's (one source line, one quote), and its id is
# derived when read (involves_id), not stored: Kùzu keeps a relationship's properties in both
# directions, so the few States' lists held every imported relationship's strings and 2 million
# events no longer fitted a 1 GiB buffer pool (issue 20). The seeds' INVOLVES keep all of theirs.
IMPORTED_INVOLVES_PROPS = ("role",)


def involves_id(event: str, participant: str, role: str) -> str:
    """The id an INVOLVES has, stored (the seeds) or derived (imports): event>INVOLVES>participant:role."""
    return f"{event}>INVOLVES>{participant}:{role}"


def property_keys() -> list[str]:
    keys = {p.name for n in NODES for p in n.props} | {p.name for r in RELATIONSHIPS for p in r.props}
    return sorted(keys | {REL_ID.name})


def kuzu_type(prop: Prop) -> str:
    return prop.type


def kuzu_ddl() -> list[str]:
    """CREATE statements for an empty Kùzu database."""
    statements = []
    for node in NODES:
        cols = ", ".join(f"{p.name} {kuzu_type(p)}" for p in node.props)
        statements.append(f"CREATE NODE TABLE {node.name} ({cols}, PRIMARY KEY (id))")
    for rel in RELATIONSHIPS:
        pairs = ", ".join(f"FROM {f} TO {t}" for f, t in rel.endpoints)
        cols = "".join(f", {p.name} {kuzu_type(p)}" for p in (REL_ID, *rel.props))
        statements.append(f"CREATE REL TABLE {rel.name} ({pairs}{cols})")
    return statements


def neo4j_schema() -> list[str]:
    """Constraints and indexes for Neo4j 5, idempotent (IF NOT EXISTS)."""
    statements = [
        f"CREATE CONSTRAINT {n.name.lower()}_id IF NOT EXISTS FOR (n:{n.name}) REQUIRE n.id IS UNIQUE" for n in NODES
    ]
    statements += [
        f"CREATE INDEX {r.name.lower()}_id IF NOT EXISTS FOR ()-[r:{r.name}]-() ON (r.id)" for r in RELATIONSHIPS
    ]
    statements += [
        "CREATE INDEX event_year IF NOT EXISTS FOR (n:Event) ON (n.year)",
        "CREATE INDEX event_kind IF NOT EXISTS FOR (n:Event) ON (n.kind)",
        "CREATE INDEX tie_kind IF NOT EXISTS FOR ()-[r:TIE]-() ON (r.kind)",
    ]
    return statements
