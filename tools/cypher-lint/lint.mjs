#!/usr/bin/env node
// Offline Cypher linter for dyadgraph: checks Neo4j Cypher statements without a
// Neo4j server, using @neo4j-cypher/language-support (pinned in package.json).
//
// Usage:
//   node lint.mjs < request.json      lint a batch (protocol below)
//   node lint.mjs --self-test         run the built-in checks ("N passed, N failed")
//
// Request (one JSON document on stdin):
//   {"schema": {"labels": [..], "relationshipTypes": [..], "propertyKeys": [..],
//               "functions": [..]?, "procedures": [..]?},
//    "statements": [{"name": "cypher/why.cypher", "text": "MATCH ...",
//                    "parameters": {"id": "MNG"}?}, ...],
//    "options": {"cypherVersion": "5"|"25", "checkFunctions": true|false}?}
// Response (one JSON document on stdout):
//   {"results": [{"name": .., "diagnostics": [{"severity": "error"|"warning",
//     "message": .., "line": n, "column": n, "endLine": n, "endColumn": n}]}]}
//   line/column are 1-based. On bad input: {"error": ".."} instead.
// Exit status: 0 no diagnostics at all, 1 some diagnostic (error or warning), 2 bad input.

import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

export const CYPHER_VERSIONS = { 5: 'CYPHER 5', 25: 'CYPHER 25' };
// Neo4j 5 (community or enterprise) only speaks Cypher 5.
export const DEFAULT_CYPHER_VERSION = '5';

class BadInput extends Error {}

// Built-in functions and the db./dbms./tx. procedures of a Neo4j server, taken from
// the registry snapshot bundled in the package. The linter only reports unknown
// functions/procedures when it is given such a registry; with none it accepts any
// name. APOC/GDS entries of the snapshot are only allowed when asked for by name.
function registryFor(version, extraFunctions, extraProcedures) {
  const allFns = testData.mockSchema.functions[version] ?? {};
  const allProcs = testData.mockSchema.procedures[version] ?? {};
  const functions = {};
  const procedures = {};
  for (const [name, fn] of Object.entries(allFns)) {
    if (fn.isBuiltIn) functions[name] = fn;
  }
  for (const [name, proc] of Object.entries(allProcs)) {
    if (/^(db|dbms|tx)\./.test(name)) procedures[name] = proc;
  }
  for (const name of extraFunctions) {
    if (!allFns[name]) {
      throw new BadInput(`schema.functions: ${name} is not in the bundled ${version} registry`);
    }
    functions[name] = allFns[name];
  }
  for (const name of extraProcedures) {
    if (!allProcs[name]) {
      throw new BadInput(`schema.procedures: ${name} is not in the bundled ${version} registry`);
    }
    procedures[name] = allProcs[name];
  }
  return { functions: { [version]: functions }, procedures: { [version]: procedures } };
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function stringList(value, where) {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'string')) {
    throw new BadInput(`${where} must be a list of strings`);
  }
  return value;
}

// Validates the request; returns {baseSchema, statements}.
export function parseRequest(request) {
  if (!isObject(request)) throw new BadInput('request must be a JSON object');
  const schema = request.schema ?? {};
  if (!isObject(schema)) throw new BadInput('schema must be an object');
  const options = request.options ?? {};
  if (!isObject(options)) throw new BadInput('options must be an object');
  const versionKey = String(options.cypherVersion ?? DEFAULT_CYPHER_VERSION).replace(/^cypher\s*/i, '');
  const version = CYPHER_VERSIONS[versionKey];
  if (!version) throw new BadInput(`options.cypherVersion must be one of ${Object.keys(CYPHER_VERSIONS).join(', ')}`);
  const checkFunctions = options.checkFunctions ?? true;
  if (typeof checkFunctions !== 'boolean') throw new BadInput('options.checkFunctions must be true or false');

  // labels AND relationshipTypes must both be present for the library to check either;
  // a missing list means "nothing of that kind exists", so every use of one warns.
  const baseSchema = {
    labels: stringList(schema.labels, 'schema.labels'),
    relationshipTypes: stringList(schema.relationshipTypes, 'schema.relationshipTypes'),
    propertyKeys: stringList(schema.propertyKeys, 'schema.propertyKeys'),
    defaultLanguage: version,
  };
  const extraFunctions = stringList(schema.functions, 'schema.functions');
  const extraProcedures = stringList(schema.procedures, 'schema.procedures');
  if (checkFunctions) Object.assign(baseSchema, registryFor(version, extraFunctions, extraProcedures));

  if (!Array.isArray(request.statements)) throw new BadInput('statements must be a list');
  const statements = request.statements.map((st, i) => {
    if (!isObject(st)) throw new BadInput(`statements[${i}] must be an object`);
    if (typeof st.text !== 'string') throw new BadInput(`statements[${i}].text must be a string`);
    if (st.parameters !== undefined && !isObject(st.parameters)) {
      throw new BadInput(`statements[${i}].parameters must be an object`);
    }
    return { name: st.name ?? `statements[${i}]`, text: st.text, parameters: st.parameters ?? {} };
  });
  return { baseSchema, statements };
}

const NOT_PRESENT = / is not present in the database\. /;
const PROPERTY_ACCESS_BEFORE = /([A-Za-z_][A-Za-z0-9_]*|`[^`]+`)\s*\.\s*$/;

// Works around a library bug: inside a node/relationship pattern's property map,
// every property key is attributed to the pattern's variable, so
// `MATCH (a:State {id: row.src})` warns "src is not present" although `row` is a
// plain map (e.g. from UNWIND $rows). Drop such a warning when the text before the
// key is `v.` and the symbol table does not type `v` as a node or relationship.
function isMisattributedProperty(diag, text, symbolTables) {
  if (diag.severity !== 2 || !NOT_PRESENT.test(diag.message)) return false;
  if (/^(Label|Relationship type|Function|Procedure) /.test(diag.message)) return false;
  const m = PROPERTY_ACCESS_BEFORE.exec(text.slice(0, diag.offsets.start));
  if (!m) return false;
  const name = m[1].replace(/^`|`$/g, '');
  const symbols = symbolTables.flat().filter((s) => s.variable === name);
  if (symbols.length === 0) return false;
  return symbols.every((s) => !(s.types.length > 0 && s.types.every((t) => t === 'Node' || t === 'Relationship')));
}

function toOutput(diag) {
  const { start, end } = diag.range;
  return {
    severity: diag.severity === 1 ? 'error' : 'warning',
    message: diag.message,
    line: Math.max(0, start.line) + 1,
    column: Math.max(0, start.character) + 1,
    endLine: Math.max(0, end.line) + 1,
    endColumn: Math.max(0, end.character) + 1,
  };
}

export function lintStatement(statement, baseSchema) {
  const { text } = statement;
  if (text.trim() === '') {
    return [{ severity: 'error', message: 'Statement is empty.', line: 1, column: 1, endLine: 1, endColumn: 1 }];
  }
  try {
    const dbSchema = { ...baseSchema, parameters: statement.parameters };
    const { diagnostics, symbolTables } = lintCypherQuery(text, dbSchema, { consoleCommandsEnabled: false });
    return diagnostics.filter((d) => !isMisattributedProperty(d, text, symbolTables)).map(toOutput);
  } catch (err) {
    return [{ severity: 'error', message: `cypher-lint crashed: ${err?.stack ?? err}`, line: 1, column: 1, endLine: 1, endColumn: 1 }];
  }
}

export function lintRequest(request) {
  const { baseSchema, statements } = parseRequest(request);
  return { results: statements.map((st) => ({ name: st.name, diagnostics: lintStatement(st, baseSchema) })) };
}

function main() {
  let request;
  try {
    request = JSON.parse(readFileSync(0, 'utf8'));
  } catch (err) {
    return badInput(`stdin is not one JSON document: ${err.message}`);
  }
  let response;
  try {
    response = lintRequest(request);
  } catch (err) {
    if (err instanceof BadInput) return badInput(err.message);
    throw err;
  }
  process.stdout.write(JSON.stringify(response, null, 1) + '\n');
  return response.results.some((r) => r.diagnostics.length > 0) ? 1 : 0;
}

function badInput(message) {
  process.stderr.write(`cypher-lint: bad input: ${message}\n`);
  process.stdout.write(JSON.stringify({ error: message }) + '\n');
  return 2;
}

// ---------------------------------------------------------------- self-test

const SCHEMA = {
  labels: ['State', 'Person'],
  relationshipTypes: ['TIE'],
  propertyKeys: ['id', 'kind', 'name', 'weight'],
};

// [description, text, parameters, expectation]; expectation is 'clean', or a list
// of {severity, match[, line, column]} that must each be found.
const CASES = [
  ['(a) known label is clean', 'MATCH (s:State) RETURN count(s) AS n', {}, 'clean'],
  ['(b) misspelt label warns', 'MATCH (s:Stat) RETURN s', {}, [{ severity: 'warning', match: /Label Stat is not present/ }]],
  ['(c) undeclared parameter is an error', 'MATCH (s:State {id: $id}) RETURN s', {}, [{ severity: 'error', match: /Parameter \$id is not defined/ }]],
  ['(c) declared parameter is clean', 'MATCH (s:State {id: $id}) RETURN s', { id: 'MNG' }, 'clean'],
  ['(d) syntax error', 'MATCH (s:State RETURN s', {}, [{ severity: 'error', match: /Invalid input 'RETURN'/ }]],
  ['(e) constraint DDL is clean', 'CREATE CONSTRAINT state_id IF NOT EXISTS FOR (n:State) REQUIRE n.id IS UNIQUE', {}, 'clean'],
  ['(e) UNWIND/MERGE/SET += is clean', 'UNWIND $rows AS row MERGE (n:State {id: row.id}) SET n += row', { rows: [{ id: 'MNG' }] }, 'clean'],
  ['(f) relationship property is clean', 'MATCH ()-[r:TIE]->() RETURN r.kind', {}, 'clean'],
  ['(f) misspelt relationship property warns', 'MATCH ()-[r:TIE]->() RETURN r.knd', {}, [{ severity: 'warning', match: /^knd is not present/ }]],
  ['misspelt relationship type warns', 'MATCH ()-[r:TEI]->() RETURN r', {}, [{ severity: 'warning', match: /Relationship type TEI is not present/ }]],
  ['misspelt property in WHERE warns (line 2)', 'MATCH (s:State)\nWHERE s.nme = 1\nRETURN s', {}, [{ severity: 'warning', match: /^nme is not present/, line: 2, column: 9 }]],
  ['undefined variable is an error', 'MATCH (n:State) RETURN x', {}, [{ severity: 'error', match: /Variable `x` not defined/ }]],
  ['misspelt function is an error', 'RETURN toLowr("A")', {}, [{ severity: 'error', match: /Function toLowr is not present/ }]],
  ['misspelt procedure is an error', 'CALL db.labls()', {}, [{ severity: 'error', match: /Procedure db.labls is not present/ }]],
  ['built-in procedure is clean', 'CALL db.labels() YIELD label RETURN label', {}, 'clean'],
  ['map property in pattern map is clean (library false positive suppressed)',
    'UNWIND $rows AS row MATCH (a:State {id: row.src}) MATCH (b:State {id: row.dst}) MERGE (a)-[t:TIE {kind: row.kind}]->(b) SET t.weight = row.w',
    { rows: [] }, 'clean'],
  ['node property in pattern map still warns', 'MATCH (x:State) MATCH (a:State {id: x.zzz}) RETURN a', {}, [{ severity: 'warning', match: /^zzz is not present/ }]],
  ['comma-separated MATCH warns about a cartesian product', 'MATCH (a:State), (b:State) RETURN a, b', {}, [{ severity: 'warning', match: /cartesian product/ }]],
  ['CALL (s) {} subquery is clean', 'MATCH (s:State {id: $id}) CALL (s) { MATCH (s)-[:TIE]->(t:State) RETURN count(t) AS deg } RETURN s.id, deg', { id: 'MNG' }, 'clean'],
  ['CALL { WITH s } subquery is deprecated in Cypher 5', 'MATCH (s:State) CALL { WITH s MATCH (s)-[:TIE]->(t) RETURN count(t) AS deg } RETURN deg', {}, [{ severity: 'warning', match: /CALL subquery without a variable scope clause is deprecated/ }]],
  ['shortestPath is clean', 'MATCH p = shortestPath((a:State {id: $a})-[:TIE*..5]-(b:State {id: $b})) RETURN length(p)', { a: 'A', b: 'B' }, 'clean'],
  ['COUNT {} and EXISTS {} are clean', 'MATCH (s:State) WHERE EXISTS { (s)-[:TIE]->(:State) } RETURN s.id, COUNT { (s)-[:TIE]->() } AS deg', {}, 'clean'],
  ['parameter as var-length bound is an error', 'MATCH (s:State {id: $id})-[:TIE*1..$depth]->(t) RETURN t', { id: 'MNG', depth: 2 }, [{ severity: 'error', match: /Parameter maps cannot be used/ }]],
  ['Cypher 25 only syntax is an error in Cypher 5', 'MATCH (s:State) FILTER s.id = 1 RETURN s', {}, [{ severity: 'error', match: /Invalid input 'FILTER'/ }]],
  ['empty statement is an error', '  \n', {}, [{ severity: 'error', match: /Statement is empty/ }]],
];

function checkCase([, text, parameters, expected], baseSchema) {
  const diags = lintStatement({ text, parameters }, baseSchema);
  const problems = [];
  if (expected === 'clean') {
    if (diags.length) problems.push(`expected clean, got ${JSON.stringify(diags)}`);
    return problems;
  }
  for (const want of expected) {
    const hit = diags.find((d) => d.severity === want.severity && want.match.test(d.message) &&
      (want.line === undefined || d.line === want.line) && (want.column === undefined || d.column === want.column));
    if (!hit) problems.push(`missing ${want.severity} ${want.match} ${want.line ? `at ${want.line}:${want.column}` : ''}`);
  }
  // Where an error is expected, follow-on errors are fine; elsewhere none may appear.
  const unexpected = expected.some((w) => w.severity === 'error') ? [] : diags.filter((d) => d.severity === 'error');
  if (unexpected.length) problems.push(`unexpected errors ${JSON.stringify(unexpected)}`);
  if (problems.length) problems.push(`got ${JSON.stringify(diags)}`);
  return problems;
}

function runCli(input) {
  const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { input, encoding: 'utf8' });
  let out = null;
  try { out = JSON.parse(res.stdout); } catch { /* checked by caller */ }
  return { status: res.status, out };
}

function selfTest() {
  let passed = 0;
  let failed = 0;
  const report = (description, problems) => {
    if (problems.length === 0) {
      passed += 1;
      console.log(`PASS ${description}`);
    } else {
      failed += 1;
      console.log(`FAIL ${description}\n     ${problems.join('\n     ')}`);
    }
  };
  const { baseSchema } = parseRequest({ schema: SCHEMA, statements: [] });
  for (const c of CASES) report(c[0], checkCase(c, baseSchema));

  // Unknown properties only warn when absent from propertyKeys.
  const { baseSchema: noKind } = parseRequest({ schema: { ...SCHEMA, propertyKeys: ['id'] }, statements: [] });
  report('(f) property absent from propertyKeys warns', checkCase(['', 'MATCH ()-[r:TIE]->() RETURN r.kind', {}, [{ severity: 'warning', match: /^kind is not present/ }]], noKind));
  const { baseSchema: v25 } = parseRequest({ schema: SCHEMA, statements: [], options: { cypherVersion: '25' } });
  report('options.cypherVersion 25 accepts FILTER', checkCase(['', 'MATCH (s:State) FILTER s.id = 1 RETURN s', {}, 'clean'], v25));
  const { baseSchema: apoc } = parseRequest({ schema: { ...SCHEMA, functions: ['apoc.text.join'] }, statements: [] });
  report('schema.functions allows a named APOC function', checkCase(['', 'RETURN apoc.text.join(["a"], ",") AS s', {}, 'clean'], apoc));

  // The stdin/stdout protocol and exit codes, end to end.
  const clean = runCli(JSON.stringify({ schema: SCHEMA, statements: [{ name: 'ok.cypher', text: 'MATCH (s:State {id: $id}) RETURN s', parameters: { id: 'MNG' } }] }));
  report('cli: clean batch exits 0', clean.status === 0 && clean.out?.results?.[0]?.name === 'ok.cypher' && clean.out.results[0].diagnostics.length === 0 ? [] : [`got ${JSON.stringify(clean)}`]);
  const dirty = runCli(JSON.stringify({ schema: SCHEMA, statements: [{ name: 'a', text: 'RETURN 1 AS x' }, { name: 'b', text: 'MATCH (s:Stat) RETURN s' }] }));
  const bd = dirty.out?.results?.[1]?.diagnostics?.[0];
  report('cli: a warning exits 1 with 1-based positions', dirty.status === 1 && dirty.out.results[0].diagnostics.length === 0 && bd?.severity === 'warning' && bd.line === 1 && bd.column === 10 ? [] : [`got ${JSON.stringify(dirty)}`]);
  const bad = runCli('{"statements": [{"name": "x"}]}');
  report('cli: bad input exits 2', bad.status === 2 && typeof bad.out?.error === 'string' ? [] : [`got ${JSON.stringify(bad)}`]);
  const notJson = runCli('not json');
  report('cli: non-JSON exits 2', notJson.status === 2 ? [] : [`got ${JSON.stringify(notJson)}`]);

  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = process.argv.includes('--self-test') ? selfTest() : main();
}
