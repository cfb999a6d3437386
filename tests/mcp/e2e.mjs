// e2e.mjs
//
// Copyright 2026 The Outlay Authors
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// outlay-mcp end to end with the official MCP TypeScript SDK client. Run by
// test-mcp-sdk, which makes and seeds a throwaway database and passes:
//   OUTLAY_MCP            the server to test
//   DATABASE_URL          the database
//   OUTLAY_PSQL           psql, to check answers against the database
//   OUTLAY_NODE_MODULES   where build-aux/dev installed @modelcontextprotocol/sdk
// Every check that fails throws; the exit status says whether all passed.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const modules = process.env.OUTLAY_NODE_MODULES;
if (!modules || !existsSync(path.join(modules, '@modelcontextprotocol', 'sdk', 'package.json'))) {
  console.error(`The MCP SDK is missing (OUTLAY_NODE_MODULES=${modules ?? 'unset'}): ` +
                'run build-aux/dev test, which installs it');
  process.exit(1);
}

const require = createRequire(path.join(modules, 'outlay-e2e.cjs'));
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
const { ErrorCode, McpError } = require('@modelcontextprotocol/sdk/types.js');

const READ_TOOLS = ['list_categories', 'query_expenses_by_category', 'summarize_spending',
                    'monthly_totals', 'search_expenses'];

// The first value of the first row, as text.
function sql (query) {
  return execFileSync(process.env.OUTLAY_PSQL,
                      ['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1',
                       '-d', process.env.DATABASE_URL, '-c', query],
                      { encoding: 'utf8' }).trim();
}

function dbTotals (where) {
  return {
    total: sql('SELECT coalesce (sum (e.amount), 0)::numeric(16,2) FROM outlay.expenses e ' +
               `JOIN outlay.categories c ON c.id = e.category_id WHERE ${where}`),
    count: Number(sql('SELECT count(*) FROM outlay.expenses e ' +
                      `JOIN outlay.categories c ON c.id = e.category_id WHERE ${where}`)),
  };
}

function assertTotals (object, where) {
  const expected = dbTotals(where);
  assert.equal(object.total, expected.total, `total of ${where}`);
  assert.equal(object.count, expected.count, `count of ${where}`);
}

async function connect (args) {
  // The transport passes only a few variables on; the server needs the
  // database, and the sanitizers their settings.
  const env = { DATABASE_URL: process.env.DATABASE_URL };
  for (const name of ['ASAN_OPTIONS', 'UBSAN_OPTIONS', 'G_DEBUG', 'G_SLICE', 'TMPDIR']) {
    if (process.env[name] !== undefined)
      env[name] = process.env[name];
  }

  const transport = new StdioClientTransport({
    command: process.env.OUTLAY_MCP, args, env, stderr: 'inherit',
  });
  const client = new Client({ name: 'outlay-e2e', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

async function call (client, name, args) {
  return client.callTool({ name, arguments: args });
}

// A successful call: the structured answer, checked against the output
// schema by the SDK, and a readable copy.
async function callOk (client, name, args) {
  const result = await call(client, name, args);
  const text = result.content?.[0]?.text;
  assert.ok(!result.isError, `${name} failed: ${text}`);
  assert.equal(result.content[0].type, 'text');
  assert.ok(text.length > 0);
  return result.structuredContent;
}

async function callError (client, name, args, mentions) {
  const result = await call(client, name, args);
  assert.equal(result.isError, true, `${name} ${JSON.stringify(args)} should fail`);
  assert.equal(result.structuredContent, undefined);
  assert.ok(result.content[0].text.includes(mentions),
            `“${result.content[0].text}” should mention “${mentions}”`);
}

async function readOnlySession () {
  const client = await connect([]);

  assert.equal(client.getServerVersion().name, 'outlay-mcp');
  assert.equal(client.getServerVersion().title, 'Outlay');
  assert.ok(client.getInstructions().includes('summarize_spending'));
  assert.deepEqual(client.getServerCapabilities().tools, { listChanged: false });
  await client.ping();

  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((tool) => tool.name), READ_TOOLS);
  for (const tool of tools) {
    assert.equal(tool.inputSchema.type, 'object');
    assert.equal(tool.inputSchema.additionalProperties, false);
    assert.equal(tool.outputSchema.type, 'object');
    assert.ok(tool.title && tool.description);
  }

  const listing = await callOk(client, 'list_categories', {});
  assert.equal(listing.categories.map((category) => category.name).join(','),
               sql("SELECT string_agg (name, ',' ORDER BY lower (name)) FROM outlay.categories"));
  await callError(client, 'list_categories', { verbose: true }, '“verbose”');

  const groceries = await callOk(client, 'query_expenses_by_category',
                                 { category_name: 'groceries' });
  assert.equal(groceries.category, 'Groceries');
  assertTotals(groceries, "c.name = 'Groceries'");
  assert.equal(groceries.expenses.length, groceries.count);
  for (const expense of groceries.expenses) {
    assert.equal(`${expense.date}|${expense.description}|${expense.amount}`,
                 sql("SELECT spent_on || '|' || description || '|' || amount " +
                     `FROM outlay.expenses WHERE id = ${Number(expense.id)}`));
  }
  const firstOnly = await callOk(client, 'query_expenses_by_category',
                                 { category_name: 'Groceries', limit: 1 });
  assert.equal(firstOnly.expenses.length, 1);
  assert.equal(firstOnly.truncated, true);
  await callError(client, 'query_expenses_by_category', { category_name: 'Food' }, '“Groceries”');
  await callError(client, 'query_expenses_by_category',
                  { category_name: 'Rent', start: '2025-03-32' }, 'start');
  await callError(client, 'query_expenses_by_category',
                  { category_name: 'Rent', limit: 5000 }, 'at most 1000');

  const spring = await callOk(client, 'summarize_spending',
                              { start: '2025-03-01', end: '2025-04-30' });
  const period = "e.spent_on BETWEEN '2025-03-01' AND '2025-04-30'";
  assertTotals(spring, period);
  assert.equal(spring.categories.length, 3);
  for (const category of spring.categories)
    assertTotals(category, `${period} AND c.name = '${category.name}'`);
  await callError(client, 'summarize_spending',
                  { start: '2025-04-30', end: '2025-03-01' }, 'after');
  await callError(client, 'summarize_spending', { start: '2025-03-01' }, 'end');

  const months = await callOk(client, 'monthly_totals', { months: 3 });
  assert.equal(months.months.length, 3);
  assert.equal(months.months[2].month, sql("SELECT to_char (current_date, 'YYYY-MM')"));
  assertTotals(months, "e.spent_on >= date_trunc ('month', current_date) - interval '2 months' " +
                       "AND e.spent_on < date_trunc ('month', current_date) + interval '1 month'");
  await callError(client, 'monthly_totals', { months: 500 }, 'at most 120');

  const rent = await callOk(client, 'search_expenses', { text: 'rent' });
  assertTotals(rent, "e.description ILIKE '%rent%'");
  await callError(client, 'search_expenses', { text: 'rent', extra: 1 }, '“extra”');

  // Not offered, and refused, without --allow-writes.
  const before = sql('SELECT count(*) FROM outlay.expenses');
  await callError(client, 'add_expense',
                  { description: 'Refused', amount: '1.00', category_name: 'Rent' },
                  '--allow-writes');
  assert.equal(sql('SELECT count(*) FROM outlay.expenses'), before);

  await assert.rejects(call(client, 'transfer_everything', {}),
                       (error) => error instanceof McpError &&
                                  error.code === ErrorCode.InvalidParams &&
                                  error.message.includes('Unknown tool: transfer_everything'));

  await client.close();
}

async function writeSession () {
  const client = await connect(['--allow-writes']);
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((tool) => tool.name), [...READ_TOOLS, 'add_expense']);

  const before = Number(sql('SELECT count(*) FROM outlay.expenses'));
  const added = await callOk(client, 'add_expense',
                             { description: 'E2E coffee', amount: '4.20',
                               category_name: 'groceries', date: '2025-06-01' });
  assert.deepEqual({ ...added, id: undefined },
                   { id: undefined, date: '2025-06-01', description: 'E2E coffee',
                     amount: '4.20', category: 'Groceries' });
  assert.equal(Number(sql('SELECT count(*) FROM outlay.expenses')), before + 1);
  assert.equal(sql("SELECT spent_on || '|' || amount FROM outlay.expenses " +
                   `WHERE id = ${Number(added.id)}`), '2025-06-01|4.20');

  await callError(client, 'add_expense',
                  { description: 'Bad', amount: '-1', category_name: 'Rent' }, 'amount');
  await callError(client, 'add_expense',
                  { description: 'Bad', amount: 0.005, category_name: 'Rent' }, 'two decimals');
  await callError(client, 'add_expense',
                  { description: 'Bad', amount: '1.00', category_name: 'Nowhere' }, '“Rent”');
  assert.equal(Number(sql('SELECT count(*) FROM outlay.expenses')), before + 1);

  await client.close();
}

await readOnlySession();
await writeSession();
console.error('outlay-mcp passed the MCP SDK client checks');
