/**
 * PGlite in a worker thread (src/server/db/pglite-thread.ts) behaves as the database did in the
 * request thread: a failing transaction rolls back, transactions do not interleave, a query
 * waits for an open transaction, and a database error keeps its SQLSTATE code and fields.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteThread } from '../../src/server/db/pglite-thread.ts';
import type { Db } from '../../src/server/db/connection.ts';

let db: Db;

beforeAll(async () => {
  db = await openPgliteThread('memory://');
  await db.query('create table items (id serial primary key, name text not null unique)');
  await db.query('create table steps (id serial primary key, tx text not null, step int not null)');
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const names = async () => (await db.query<{ name: string }>('select name from items order by id')).map((row) => row.name);

describe('openPgliteThread().transaction()', () => {
  it('rolls back every statement when the work throws, and rethrows the work’s own error', async () => {
    const thrown = new Error('stop here');
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into items (name) values ('rolled-back-1')");
        await tx.query("insert into items (name) values ('rolled-back-2')");
        throw thrown;
      }),
    ).rejects.toBe(thrown);
    expect(await names()).not.toContain('rolled-back-1');
    expect(await names()).not.toContain('rolled-back-2');
  });

  it('rolls back when a statement fails, and the next transaction starts clean', async () => {
    await db.query("insert into items (name) values ('kept')");
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into items (name) values ('before-the-error')");
        await tx.query("insert into items (name) values ('kept')");
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await names()).not.toContain('before-the-error');
    await db.transaction(async (tx) => tx.query("insert into items (name) values ('after-the-error')"));
    expect(await names()).toContain('after-the-error');
  });

  it('runs concurrent transactions one after the other, never interleaving their statements', async () => {
    const run = (name: string) =>
      db.transaction(async (tx) => {
        for (let step = 0; step < 4; step++) {
          await tx.query('insert into steps (tx, step) values ($1, $2)', [name, step]);
          await sleep(2); // give the other transactions every chance to cut in
        }
        return name;
      });
    expect(await Promise.all(['a', 'b', 'c'].map(run))).toEqual(['a', 'b', 'c']);
    const order = (await db.query<{ tx: string; step: number }>('select tx, step from steps order by id')).map((row) => `${row.tx}${row.step}`);
    // Each transaction's four steps are consecutive.
    const blocks = [...new Set(order.map((entry) => entry[0]))];
    expect(order).toEqual(blocks.flatMap((name) => [0, 1, 2, 3].map((step) => `${name}${step}`)));
  });

  it('makes a query sent during a transaction wait for its commit (it sees the committed rows)', async () => {
    let seen: string[] | null = null;
    await db.transaction(async (tx) => {
      await tx.query("insert into items (name) values ('committed-first')");
      void db.query<{ name: string }>("select name from items where name = 'committed-first'").then((rows) => (seen = rows.map((row) => row.name)));
      await sleep(20);
      expect(seen).toBeNull();
    });
    await sleep(0);
    await names();
    expect(seen).toEqual(['committed-first']);
  });

  it('rejects the commit with the database’s error and keeps nothing when COMMIT fails (a deferred constraint)', async () => {
    await db.query('create table pairs (id int primary key, other int references pairs (id) deferrable initially deferred)');
    await expect(db.transaction(async (tx) => tx.query('insert into pairs values (1, 2)'))).rejects.toMatchObject({ code: '23503', constraint: 'pairs_other_fkey' });
    expect(await db.query('select * from pairs')).toEqual([]);
  });
});

describe('openPgliteThread() errors', () => {
  it('keep their SQLSTATE code, constraint, table and detail (a unique violation is 23505)', async () => {
    await db.query("insert into items (name) values ('unique-once')");
    const error = await db.query("insert into items (name) values ('unique-once')").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505', constraint: 'items_name_key', table: 'items', detail: expect.stringContaining('unique-once') });
    expect((error as Error).message).toContain('duplicate key');
  });

  it('keep their code inside a transaction (a syntax error is 42601) and from a plain query (an unknown table is 42P01)', async () => {
    await expect(db.transaction(async (tx) => tx.query('selec 1'))).rejects.toMatchObject({ code: '42601' });
    await expect(db.query('select * from no_such_table')).rejects.toMatchObject({ code: '42P01' });
  });

  it('carry rows of every type back: numbers, text, jsonb, arrays, timestamps', async () => {
    const [row] = await db.query<Record<string, unknown>>("select 1::int as n, 'x'::text as t, $1::jsonb as j, array['a','b'] as a, '2002-03-08T02:00:00Z'::timestamptz as at", [JSON.stringify({ k: [1, 2] })]);
    expect(row).toEqual({ n: 1, t: 'x', j: { k: [1, 2] }, a: ['a', 'b'], at: new Date('2002-03-08T02:00:00Z') });
  });
});

describe('openPgliteThread().query() with a prepared statement', () => {
  const insert = 'insert into values_kept (label, amount, doc, flag) values ($1, $2, $3::jsonb, $4) returning label, amount, doc, flag';
  const prepared = { name: 'test_insert_value', types: ['text', 'integer', 'jsonb', 'boolean'] } as const;

  beforeAll(async () => {
    await db.query('create table values_kept (id serial primary key, label text, amount integer, doc jsonb, flag boolean)');
  });

  it('stores and returns every text as given: quotes, backslashes, dollar quotes, SQL and any Unicode but U+0000', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((value) => !value.includes('\u0000'));
    const tricky = fc.constantFrom("'", "''", "\\'", '\\', "'); drop table values_kept; --", '$$', '$1', 'E\'\\x00\'', '\u2028', '鹿城区');
    await fc.assert(
      fc.asyncProperty(fc.oneof(text, tricky), fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), fc.option(fc.boolean(), { nil: null }), async (label, amount, flag) => {
        const doc = JSON.stringify({ label, nested: [label] });
        const [viaPrepared] = await db.query(insert, [label, amount, doc, flag], prepared);
        const [viaParameters] = await db.query(insert, [label, amount, doc, flag]);
        expect(viaPrepared).toEqual({ label, amount, doc: { label, nested: [label] }, flag });
        expect(viaPrepared).toEqual(viaParameters);
      }),
      { numRuns: 150 },
    );
    expect((await db.query<{ count: number }>('select count(*)::int as count from values_kept'))[0]!.count).toBeGreaterThanOrEqual(300);
  });

  it('runs inside a transaction too, and rolls back with it', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, ['rolled back', 1, '{}', true], prepared);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await db.query("select 1 from values_kept where label = 'rolled back'")).toEqual([]);
  });

  it('refuses a value that does not fit the declared type instead of writing it into the statement', async () => {
    await expect(db.query(insert, ['x', '1); drop table values_kept; --', '{}', true], prepared)).rejects.toThrow(/整数参数/);
    await expect(db.query(insert, ['x', 1.5, '{}', true], prepared)).rejects.toThrow(/整数参数/);
    await expect(db.query(insert, ['x', 1, '{}', 'true'], prepared)).rejects.toThrow(/布尔参数/);
    await expect(db.query(insert, ['x', 1, '{}'], prepared)).rejects.toThrow(/需要 4 个参数/);
    expect((await db.query<{ count: number }>('select count(*)::int as count from values_kept'))[0]!.count).toBeGreaterThan(0);
  });
});
