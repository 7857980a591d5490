// Recreates 20 nodes and 26 relationships in Neo4j 5:
// the whole graph, data version tiny@5c25d7478aa1ed9a.
// Run it with `cypher-shell -f subgraph.cypher` or paste it into Neo4j Browser. Every write is
// a MERGE on the id, so running it again, or into a database that holds the nodes, changes nothing.

// schema
CREATE CONSTRAINT state_id IF NOT EXISTS FOR (n:State) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT strategy_id IF NOT EXISTS FOR (n:Strategy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT outcome_id IF NOT EXISTS FOR (n:Outcome) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT concept_id IF NOT EXISTS FOR (n:Concept) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;
CREATE INDEX tie_id IF NOT EXISTS FOR ()-[r:TIE]-() ON (r.id);
CREATE INDEX trade_id IF NOT EXISTS FOR ()-[r:TRADE]-() ON (r.id);
CREATE INDEX measured_id IF NOT EXISTS FOR ()-[r:MEASURED]-() ON (r.id);
CREATE INDEX member_of_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.id);
CREATE INDEX part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.id);
CREATE INDEX holds_office_id IF NOT EXISTS FOR ()-[r:HOLDS_OFFICE]-() ON (r.id);
CREATE INDEX involves_id IF NOT EXISTS FOR ()-[r:INVOLVES]-() ON (r.id);
CREATE INDEX pursues_id IF NOT EXISTS FOR ()-[r:PURSUES]-() ON (r.id);
CREATE INDEX implements_id IF NOT EXISTS FOR ()-[r:IMPLEMENTS]-() ON (r.id);
CREATE INDEX leads_to_id IF NOT EXISTS FOR ()-[r:LEADS_TO]-() ON (r.id);
CREATE INDEX succeeded_by_id IF NOT EXISTS FOR ()-[r:SUCCEEDED_BY]-() ON (r.id);
CREATE INDEX instance_of_id IF NOT EXISTS FOR ()-[r:INSTANCE_OF]-() ON (r.id);
CREATE INDEX relates_to_id IF NOT EXISTS FOR ()-[r:RELATES_TO]-() ON (r.id);
CREATE INDEX proposed_by_id IF NOT EXISTS FOR ()-[r:PROPOSED_BY]-() ON (r.id);
CREATE INDEX event_year IF NOT EXISTS FOR (n:Event) ON (n.year);
CREATE INDEX event_kind IF NOT EXISTS FOR (n:Event) ON (n.kind);
CREATE INDEX tie_kind IF NOT EXISTS FOR ()-[r:TIE]-() ON (r.kind);

// State nodes
:param rows => [{cow_code: 710, id: 'CHN', landlocked: false, locator: 'III para 7', name: 'China', name_zh: '中國', quote: '中國承接了蒙古68%的出口產品', region: 'East Asia', source: 'huang2021', via: 'huang2021'}, {cow_code: 712, id: 'MNG', landlocked: true, locator: 'IV.1 para 3', name: 'Mongolia', name_zh: '蒙古', quote: '蒙古與美國開啟了每年一次的聯合軍事演習行動', region: 'East Asia', source: 'huang2021', via: 'huang2021'}, {cow_code: 365, id: 'RUS', landlocked: false, locator: 'fn 4', name: 'Russia', name_zh: '俄羅斯', quote: '分別為俄羅斯（2006年簽訂）', region: 'Europe', source: 'lkhaajav2019', via: 'huang2021'}, {cow_code: 365, id: 'SUN', landlocked: false, locator: 'III para 4', name: 'Soviet Union', name_zh: '蘇聯', quote: '便一直對蘇聯採取一邊倒政策', region: 'Europe', source: 'huang2021', via: 'huang2021'}, {cow_code: 2, id: 'USA', landlocked: false, locator: 'IV.1 para 3', name: 'United States', name_zh: '美國', quote: '蒙古與美國開啟了每年一次的聯合軍事演習行動', region: 'North America', source: 'huang2021', via: 'huang2021'}]
UNWIND $rows AS row MERGE (n:State {id: row.id}) SET n = row;

// Organization nodes
:param rows => [{id: 'UN', kind: 'igo', locator: 'IV.3 para 3', name: 'United Nations', name_zh: '聯合國', quote: '聯合國在1998年通過53/77D決議案', source: 'huang2021', via: 'huang2021'}]
UNWIND $rows AS row MERGE (n:Organization {id: row.id}) SET n = row;

// Person nodes
:param rows => [{id: 'mao-zedong', locator: 'III para 4', name: 'Mao Zedong', name_zh: '毛澤東', quote: '隔年毛澤東隨即承認蒙古獨立之事實', role: 'Chairman of the Chinese Communist Party', source: 'huang2021', via: 'huang2021'}]
UNWIND $rows AS row MERGE (n:Person {id: row.id}) SET n = row;

// Event nodes
:param rows => [{cameo: '0211', date: '1950', date_basis: 'paper', date_precision: 'year', description: 'A year after its founding, the People\'s Republic of China recognizes Mongolia\'s independence.', id: '1950-prc-recognizes-mongolia', kind: 'recognition', locator: 'III para 4', name: 'The PRC recognizes Mongolia\'s independence', quad: 'verbal_coop', quote: '隔年毛澤東隨即承認蒙古獨立之事實', source: 'huang2021', title: 'The PRC recognizes Mongolia\'s independence', title_zh: '毛澤東隨即承認蒙古獨立', via: 'huang2021', year: 1950}, {cameo: '0213', date: '1998', date_basis: 'paper', date_precision: 'year', id: '1998-un-resolution-53-77d', kind: 'resolution', locator: 'IV.3 para 3', name: 'UN General Assembly resolution 53/77D recognizes Mongolia\'s nuclear-weapon-free status', quad: 'verbal_coop', quote: '聯合國在1998年通過53/77D決議案', source: 'huang2021', title: 'UN General Assembly resolution 53/77D recognizes Mongolia\'s nuclear-weapon-free status', title_zh: '聯合國通過53/77D決議案', via: 'huang2021', year: 1998}, {cameo: '0622', date: '2003', date_basis: 'paper', date_precision: 'year', description: 'Mongolia and the United States begin an annual joint military exercise near Ulaanbaatar.', id: '2003-khaan-quest', kind: 'exercise', locator: 'IV.1 para 3', name: 'First Khaan Quest exercise', quad: 'material_coop', quote: '自2003年開始，蒙古與美國開啟了每年一次的聯合軍事演習行動', source: 'huang2021', title: 'First Khaan Quest exercise', title_zh: '可汗探索', via: 'huang2021', year: 2003}]
UNWIND $rows AS row MERGE (n:Event {id: row.id}) SET n = row;

// Strategy nodes
:param rows => [{id: 'single-state-nwfz', locator: 'IV.3 para 3', name: 'Single-state nuclear-weapon-free zone', name_zh: '單一國家的無核武地帶', quote: '承認了蒙古做為「單一國家的無核武地帶」地位', source: 'huang2021', via: 'huang2021'}, {description: 'Partnerships with states beyond China and Russia.', id: 'third-neighbor-policy', locator: 'IV.1 para 5', name: 'Third neighbour policy', name_zh: '第三鄰國政策', quote: '而蒙古的另外一個重要的第三鄰國是印度', source: 'huang2021', via: 'huang2021'}]
UNWIND $rows AS row MERGE (n:Strategy {id: row.id}) SET n = row;

// Outcome nodes
:param rows => [{date_basis: 'paper', date_precision: 'year', id: 'nwfz-status-recognized', locator: 'IV.3 para 3', name: 'Mongolia\'s single-state nuclear-weapon-free status recognized and protected by international law', quote: '但至少蒙古自此成為被國際社會所接受以及受到國際法保障的無核武地帶之單一國家', source: 'huang2021', valence: 'positive', via: 'huang2021', year: 1998}]
UNWIND $rows AS row MERGE (n:Outcome {id: row.id}) SET n = row;

// Concept nodes
:param rows => [{id: 'asymmetric-relations-theory', kind: 'theory', locator: 'V para 1', name: 'Theory of asymmetric relations', name_zh: '不對稱關係理論', quote: '本文以美國學者吳本立提出的不對稱關係理論之框架進行分析', source: 'womack2006', via: 'huang2021'}, {id: 'smart-state-strategy', kind: 'concept', locator: 'IV.3 para 3', name: 'Smart state strategy', name_zh: '智慧國外交策略', quote: '再次證明蒙古的智慧國外交策略的成功', source: 'huang2021', via: 'huang2021'}]
UNWIND $rows AS row MERGE (n:Concept {id: row.id}) SET n = row;

// Indicator nodes
:param rows => [{id: 'gdp_current_usd', locator: 'NY.GDP.MKTP.CD, 2020, rounded to two significant figures', name: 'GDP (current US$)', quote: 'GDP (current US$)', source: 'worldbank-wdi', unit: 'current US$', via: 'worldbank-wdi'}]
UNWIND $rows AS row MERGE (n:Indicator {id: row.id}) SET n = row;

// Source nodes
:param rows => [{authors: 'Huang, Chiung-Chiu', entry_type: 'misc', id: 'huang2021', language: 'zh', name: 'Huang 2021', source: 'huang2021', title: '小國外交—蒙古對中政策評析', title_en: 'Small State Foreign Policy Analysis: Mongolia\'s China Policy', year: 2021}, {authors: 'Lkhaajav, Bolor', entry_type: 'misc', id: 'lkhaajav2019', language: 'en', name: 'Lkhaajav 2019', source: 'lkhaajav2019', title: 'US Becomes Mongolia\'s 5th Strategic Partner', year: 2019}, {authors: 'Womack, Brantly', entry_type: 'book', id: 'womack2006', language: 'en', name: 'Womack 2006', source: 'womack2006', title: 'China and Vietnam: The Politics of Asymmetry', venue: 'Cambridge University Press', year: 2006}, {authors: 'World Bank', entry_type: 'misc', id: 'worldbank-wdi', name: 'World Bank 2021', source: 'worldbank-wdi', title: 'World Development Indicators', url: 'https://databank.worldbank.org/source/world-development-indicators', year: 2021}]
UNWIND $rows AS row MERGE (n:Source {id: row.id}) SET n = row;

// TIE relationships from State to State
:param rows => [{from: 'MNG', to: 'CHN', id: 'MNG>TIE>CHN:strategic_partnership', props: {date_basis: 'paper', date_precision: 'year', id: 'MNG>TIE>CHN:strategic_partnership', kind: 'strategic_partnership', locator: 'fn 4', quote: '中國（2014年簽訂）', since: '2014', source: 'lkhaajav2019', via: 'huang2021', year_from: 2014}}, {from: 'MNG', to: 'RUS', id: 'MNG>TIE>RUS:strategic_partnership', props: {date_basis: 'paper', date_precision: 'year', id: 'MNG>TIE>RUS:strategic_partnership', kind: 'strategic_partnership', locator: 'fn 4', quote: '分別為俄羅斯（2006年簽訂）', since: '2006', source: 'lkhaajav2019', via: 'huang2021', year_from: 2006}}, {from: 'MNG', to: 'SUN', id: 'MNG>TIE>SUN:alignment', props: {date_basis: 'paper', date_precision: 'year', description: 'One-sided alignment with the Soviet Union', id: 'MNG>TIE>SUN:alignment', kind: 'alignment', locator: 'III para 4', quote: '便一直對蘇聯採取一邊倒政策', source: 'huang2021', until: '1991', via: 'huang2021', year_to: 1991}}, {from: 'MNG', to: 'USA', id: 'MNG>TIE>USA:strategic_partnership', props: {date_basis: 'paper', date_precision: 'year', id: 'MNG>TIE>USA:strategic_partnership', kind: 'strategic_partnership', locator: 'fn 4', quote: '而2019年與美國簽訂戰略夥伴協定之後', since: '2019', source: 'lkhaajav2019', via: 'huang2021', year_from: 2019}}]
UNWIND $rows AS row MATCH (a:State {id: row.from}) MATCH (b:State {id: row.to}) MERGE (a)-[r:TIE {id: row.id}]->(b) SET r = row.props;

// TRADE relationships from State to State
:param rows => [{from: 'MNG', to: 'CHN', id: 'MNG>TRADE>CHN:2020', props: {date_basis: 'paper', date_precision: 'month', export_share: 0.68, id: 'MNG>TRADE>CHN:2020', import_share: 0.35, locator: 'III para 7', period: '2020-01/2020-07', quote: '中國承接了蒙古68%的出口產品，同時中國佔蒙古進口總額的35%', source: 'huang2021', via: 'huang2021', year: 2020}}]
UNWIND $rows AS row MATCH (a:State {id: row.from}) MATCH (b:State {id: row.to}) MERGE (a)-[r:TRADE {id: row.id}]->(b) SET r = row.props;

// MEASURED relationships from State to Indicator
:param rows => [{from: 'CHN', to: 'gdp_current_usd', id: 'CHN>MEASURED>gdp_current_usd:2020', props: {date_basis: 'worldbank-wdi', date_precision: 'year', id: 'CHN>MEASURED>gdp_current_usd:2020', locator: 'NY.GDP.MKTP.CD, 2020, rounded to two significant figures', quote: 'GDP (current US$)', source: 'worldbank-wdi', value: 15000000000000.0, via: 'worldbank-wdi', year: 2020}}, {from: 'MNG', to: 'gdp_current_usd', id: 'MNG>MEASURED>gdp_current_usd:2020', props: {date_basis: 'worldbank-wdi', date_precision: 'year', id: 'MNG>MEASURED>gdp_current_usd:2020', locator: 'NY.GDP.MKTP.CD, 2020, rounded to two significant figures', quote: 'GDP (current US$)', source: 'worldbank-wdi', value: 13000000000.0, via: 'worldbank-wdi', year: 2020}}]
UNWIND $rows AS row MATCH (a:State {id: row.from}) MATCH (b:Indicator {id: row.to}) MERGE (a)-[r:MEASURED {id: row.id}]->(b) SET r = row.props;

// MEMBER_OF relationships from State to Organization
:param rows => [{from: 'MNG', to: 'UN', id: 'MNG>MEMBER_OF>UN:1961', props: {date_basis: 'paper', date_precision: 'year', id: 'MNG>MEMBER_OF>UN:1961', locator: 'IV.1 para 5', quote: '爾後蒙古於1961年正式入聯', since: '1961', source: 'huang2021', via: 'huang2021'}}]
UNWIND $rows AS row MATCH (a:State {id: row.from}) MATCH (b:Organization {id: row.to}) MERGE (a)-[r:MEMBER_OF {id: row.id}]->(b) SET r = row.props;

// HOLDS_OFFICE relationships from Person to State
:param rows => [{from: 'mao-zedong', to: 'CHN', id: 'mao-zedong>HOLDS_OFFICE>CHN:Chairman of the Chinese Communist Party', props: {date_precision: 'undated', id: 'mao-zedong>HOLDS_OFFICE>CHN:Chairman of the Chinese Communist Party', locator: 'III para 4', quote: '隔年毛澤東隨即承認蒙古獨立之事實', role: 'Chairman of the Chinese Communist Party', source: 'huang2021', via: 'huang2021'}}]
UNWIND $rows AS row MATCH (a:Person {id: row.from}) MATCH (b:State {id: row.to}) MERGE (a)-[r:HOLDS_OFFICE {id: row.id}]->(b) SET r = row.props;

// INVOLVES relationships from Event to State
:param rows => [{from: '1950-prc-recognizes-mongolia', to: 'CHN', id: '1950-prc-recognizes-mongolia>INVOLVES>CHN:initiator', props: {id: '1950-prc-recognizes-mongolia>INVOLVES>CHN:initiator', locator: 'III para 4', quote: '隔年毛澤東隨即承認蒙古獨立之事實', role: 'initiator', source: 'huang2021', via: 'huang2021'}}, {from: '1950-prc-recognizes-mongolia', to: 'MNG', id: '1950-prc-recognizes-mongolia>INVOLVES>MNG:target', props: {id: '1950-prc-recognizes-mongolia>INVOLVES>MNG:target', locator: 'III para 4', quote: '隔年毛澤東隨即承認蒙古獨立之事實', role: 'target', source: 'huang2021', via: 'huang2021'}}, {from: '1998-un-resolution-53-77d', to: 'MNG', id: '1998-un-resolution-53-77d>INVOLVES>MNG:target', props: {id: '1998-un-resolution-53-77d>INVOLVES>MNG:target', locator: 'IV.3 para 3', quote: '承認了蒙古做為「單一國家的無核武地帶」地位', role: 'target', source: 'huang2021', via: 'huang2021'}}, {from: '2003-khaan-quest', to: 'MNG', id: '2003-khaan-quest>INVOLVES>MNG:host', props: {id: '2003-khaan-quest>INVOLVES>MNG:host', locator: 'IV.1 para 3', quote: '蒙古與美國開啟了每年一次的聯合軍事演習行動', role: 'host', source: 'huang2021', via: 'huang2021'}}, {from: '2003-khaan-quest', to: 'USA', id: '2003-khaan-quest>INVOLVES>USA:participant', props: {id: '2003-khaan-quest>INVOLVES>USA:participant', locator: 'IV.1 para 3', quote: '蒙古與美國開啟了每年一次的聯合軍事演習行動', role: 'participant', source: 'huang2021', via: 'huang2021'}}]
UNWIND $rows AS row MATCH (a:Event {id: row.from}) MATCH (b:State {id: row.to}) MERGE (a)-[r:INVOLVES {id: row.id}]->(b) SET r = row.props;

// INVOLVES relationships from Event to Person
:param rows => [{from: '1950-prc-recognizes-mongolia', to: 'mao-zedong', id: '1950-prc-recognizes-mongolia>INVOLVES>mao-zedong:initiator', props: {id: '1950-prc-recognizes-mongolia>INVOLVES>mao-zedong:initiator', locator: 'III para 4', quote: '隔年毛澤東隨即承認蒙古獨立之事實', role: 'initiator', source: 'huang2021', via: 'huang2021'}}]
UNWIND $rows AS row MATCH (a:Event {id: row.from}) MATCH (b:Person {id: row.to}) MERGE (a)-[r:INVOLVES {id: row.id}]->(b) SET r = row.props;

// INVOLVES relationships from Event to Organization
:param rows => [{from: '1998-un-resolution-53-77d', to: 'UN', id: '1998-un-resolution-53-77d>INVOLVES>UN:initiator', props: {id: '1998-un-resolution-53-77d>INVOLVES>UN:initiator', locator: 'IV.3 para 3', quote: '聯合國在1998年通過53/77D決議案', role: 'initiator', source: 'huang2021', via: 'huang2021'}}]
UNWIND $rows AS row MATCH (a:Event {id: row.from}) MATCH (b:Organization {id: row.to}) MERGE (a)-[r:INVOLVES {id: row.id}]->(b) SET r = row.props;

// PURSUES relationships from State to Strategy
:param rows => [{from: 'MNG', to: 'single-state-nwfz', id: 'MNG>PURSUES>single-state-nwfz:1992', props: {date_basis: 'paper', date_precision: 'year', id: 'MNG>PURSUES>single-state-nwfz:1992', locator: 'IV.3 para 2', quote: '而蒙古自1992年起便宣布自身要成為無核武', since: '1992', source: 'huang2021', via: 'huang2021'}}, {from: 'MNG', to: 'third-neighbor-policy', id: 'MNG>PURSUES>third-neighbor-policy:1990', props: {date_basis: 'paper', date_precision: 'year', id: 'MNG>PURSUES>third-neighbor-policy:1990', locator: 'IV.1 para 1', quote: '蒙古啟動第三鄰國政策的想法肇始於1990年', since: '1990', source: 'huang2021', via: 'huang2021'}}]
UNWIND $rows AS row MATCH (a:State {id: row.from}) MATCH (b:Strategy {id: row.to}) MERGE (a)-[r:PURSUES {id: row.id}]->(b) SET r = row.props;

// IMPLEMENTS relationships from Event to Strategy
:param rows => [{from: '1998-un-resolution-53-77d', to: 'single-state-nwfz', id: '1998-un-resolution-53-77d>IMPLEMENTS>single-state-nwfz', props: {id: '1998-un-resolution-53-77d>IMPLEMENTS>single-state-nwfz', locator: 'IV.3 para 3', quote: '承認了蒙古做為「單一國家的無核武地帶」地位', source: 'huang2021', via: 'huang2021'}}, {from: '2003-khaan-quest', to: 'third-neighbor-policy', id: '2003-khaan-quest>IMPLEMENTS>third-neighbor-policy', props: {id: '2003-khaan-quest>IMPLEMENTS>third-neighbor-policy', locator: 'IV.1 para 3', quote: '可汗探索的舉辦揭示著蒙美兩國密切的軍事合作', source: 'huang2021', via: 'huang2021'}}]
UNWIND $rows AS row MATCH (a:Event {id: row.from}) MATCH (b:Strategy {id: row.to}) MERGE (a)-[r:IMPLEMENTS {id: row.id}]->(b) SET r = row.props;

// LEADS_TO relationships from Event to Outcome
:param rows => [{from: '1998-un-resolution-53-77d', to: 'nwfz-status-recognized', id: '1998-un-resolution-53-77d>LEADS_TO>nwfz-status-recognized', props: {claim: 'The UN resolution made Mongolia a single-state NWFZ accepted and protected under international law.', confidence: 'high', contested: false, id: '1998-un-resolution-53-77d>LEADS_TO>nwfz-status-recognized', locator: 'IV.3 para 3', quote: '但至少蒙古自此成為被國際社會所接受以及受到國際法保障的無核武地帶之單一國家', source: 'huang2021', via: 'huang2021'}}]
UNWIND $rows AS row MATCH (a:Event {id: row.from}) MATCH (b:Outcome {id: row.to}) MERGE (a)-[r:LEADS_TO {id: row.id}]->(b) SET r = row.props;

// LEADS_TO relationships from Strategy to Event
:param rows => [{from: 'single-state-nwfz', to: '1998-un-resolution-53-77d', id: 'single-state-nwfz>LEADS_TO>1998-un-resolution-53-77d', props: {claim: 'Mongolia\'s declaration and diplomacy led the UN to adopt resolution 53/77D.', confidence: 'high', contested: false, id: 'single-state-nwfz>LEADS_TO>1998-un-resolution-53-77d', locator: 'IV.3 para 3', quote: '聯合國在1998年通過53/77D決議案', source: 'huang2021', via: 'huang2021'}}]
UNWIND $rows AS row MATCH (a:Strategy {id: row.from}) MATCH (b:Event {id: row.to}) MERGE (a)-[r:LEADS_TO {id: row.id}]->(b) SET r = row.props;

// SUCCEEDED_BY relationships from State to State
:param rows => [{from: 'SUN', to: 'RUS', id: 'SUN>SUCCEEDED_BY>RUS:1991', props: {date_basis: 'paper', date_precision: 'year', id: 'SUN>SUCCEEDED_BY>RUS:1991', locator: 'V para 1', quote: '歷經冷戰、蘇聯瓦解、轉型為民主國家', source: 'huang2021', via: 'huang2021', year: 1991}}]
UNWIND $rows AS row MATCH (a:State {id: row.from}) MATCH (b:State {id: row.to}) MERGE (a)-[r:SUCCEEDED_BY {id: row.id}]->(b) SET r = row.props;

// INSTANCE_OF relationships from Strategy to Concept
:param rows => [{from: 'single-state-nwfz', to: 'smart-state-strategy', id: 'single-state-nwfz>INSTANCE_OF>smart-state-strategy', props: {id: 'single-state-nwfz>INSTANCE_OF>smart-state-strategy', locator: 'IV.3 para 3', quote: '再次證明蒙古的智慧國外交策略的成功', source: 'huang2021', via: 'huang2021'}}]
UNWIND $rows AS row MATCH (a:Strategy {id: row.from}) MATCH (b:Concept {id: row.to}) MERGE (a)-[r:INSTANCE_OF {id: row.id}]->(b) SET r = row.props;

// RELATES_TO relationships from Concept to Concept
:param rows => [{from: 'smart-state-strategy', to: 'asymmetric-relations-theory', id: 'smart-state-strategy>RELATES_TO>asymmetric-relations-theory:related', props: {id: 'smart-state-strategy>RELATES_TO>asymmetric-relations-theory:related', kind: 'related', locator: 'V para 1', quote: '本文從不對稱關係與小國外交決策分析理論出發', source: 'huang2021', via: 'huang2021'}}]
UNWIND $rows AS row MATCH (a:Concept {id: row.from}) MATCH (b:Concept {id: row.to}) MERGE (a)-[r:RELATES_TO {id: row.id}]->(b) SET r = row.props;

// PROPOSED_BY relationships from Concept to Source
:param rows => [{from: 'asymmetric-relations-theory', to: 'womack2006', id: 'asymmetric-relations-theory>PROPOSED_BY>womack2006', props: {id: 'asymmetric-relations-theory>PROPOSED_BY>womack2006', locator: 'V para 1', quote: '本文以美國學者吳本立提出的不對稱關係理論之框架進行分析', source: 'womack2006', via: 'huang2021'}}]
UNWIND $rows AS row MATCH (a:Concept {id: row.from}) MATCH (b:Source {id: row.to}) MERGE (a)-[r:PROPOSED_BY {id: row.id}]->(b) SET r = row.props;
