/** Issue 8 (hardening): no input, flag or pipe makes the CLI print a stack trace or read without end. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { EXIT_INTERNAL, runCli, type Command } from '../../src/cli/program.ts';
import { readInputFile } from '../../src/cli/read-input.ts';
import { InputError, MAX_INPUT_BYTES } from '../../src/core/index.ts';
import { captureIO, runLianpian } from '../support/cli.ts';
import { inputErrorOf } from '../support/input-error.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const communities = join(root, 'data/lucheng/communities.geojson');
const temp = mkdtempSync(join(tmpdir(), 'lianpian-hardening-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A stack trace line as Node prints it. */
const STACK_LINE = /^\s+at .+[:(]/m;

describe('readInputFile()', () => {
  test('readInputFile() returns a file of at most the limit and refuses one byte more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 64 }), (size, limit) => {
        const path = join(temp, 'sized.txt');
        writeFileSync(path, 'x'.repeat(size));
        if (size <= limit) expect(readInputFile(path, limit)).toBe('x'.repeat(size));
        else expect(inputErrorOf(() => readInputFile(path, limit))).toMatchObject({ code: 'E_TOO_LARGE', file: path });
      }),
    );
  });

  test('readInputFile() stops reading an endless source just past the limit', () => {
    const error = inputErrorOf(() => readInputFile('/dev/zero', 3 * 1024 * 1024 + 5));
    expect(error.code).toBe('E_TOO_LARGE');
    expect(error.message).toContain('/dev/zero');
    expect(error.expected).toContain('3 MiB');
    expect(error.actual).toContain(`已读取 ${3 * 1024 * 1024 + 6} 字节`);
  });

  test('readInputFile() names a missing file and a directory as E_ARGUMENT', () => {
    expect(inputErrorOf(() => readInputFile(join(temp, 'nope.geojson'))).actual).toContain('not found');
    expect(inputErrorOf(() => readInputFile(temp)).actual).toContain('is a directory');
  });

  test('lianpian validate /dev/zero refuses it at MAX_INPUT_BYTES with E_TOO_LARGE', async () => {
    const { code, stderr } = await runLianpian('validate', '/dev/zero', '--kind', 'boundaries');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^E_TOO_LARGE: 文件 \/dev\/zero：应为不超过 256 MiB/);
    expect(stderr).toContain(`已读取 ${MAX_INPUT_BYTES + 1} 字节`);
  });
});

describe('runCli() never prints a stack trace', () => {
  test('runCli() turns anything a command throws into one E_INTERNAL line and exit code 70', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.string().map((message) => new TypeError(message)), fc.constant(new RangeError('Maximum call stack size exceeded')),
          // Regressions: a value String() cannot convert, and a message with a carriage return before an "at" line.
          fc.constant({ toString: [] }),
          fc.constant(new Error('boom\r    at run (cli.ts:1:1)'))), async (thrown) => {
        const command: Command = { name: 'boom', summary: '', usage: '', run: () => Promise.reject(thrown as Error) };
        const io = captureIO();
        expect(await runCli(['boom'], [command], io)).toBe(EXIT_INTERNAL);
        expect(io.stderr).toMatch(/^E_INTERNAL: [^\n]*\n$/);
        expect(io.stderr).not.toMatch(STACK_LINE);
      }),
      { numRuns: 1000 },
    );
  });

  test('runCli() still reports an InputError as its code and exit 1', async () => {
    const command: Command = { name: 'bad', summary: '', usage: '', run: () => { throw new InputError({ code: 'E_VALUE', expected: '数字', actual: '"x"' }); } };
    const io = captureIO();
    expect(await runCli(['bad'], [command], io)).toBe(1);
    expect(io.stderr).toBe('E_VALUE: 应为数字，实际为 "x"\n');
  });

  test('lianpian analyze --id-field <any Object.prototype name> is an E_ID input error', async () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      const { code, stderr } = await runLianpian('analyze', communities, '--id-field', name);
      expect(code).toBe(1);
      expect(stderr.split('\n')[0]).toMatch(/^E_ID: .*features\[0\]\.properties/);
      expect(stderr).not.toContain('E_INTERNAL');
    }
  });
});

describe('lianpian process', () => {
  test('lianpian exits quietly when the reader of its output goes away (EPIPE)', async () => {
    const child = spawn(process.execPath, [join(root, 'scripts/lianpian.mjs'), 'analyze', communities, '--pairs', '--format', 'geojson'], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `| head -c 10`: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('lianpian on arbitrary arguments', () => {
  const data = (name: string) => join(root, 'data/lucheng', name);
  const deepFile = join(temp, 'deep.geojson');
  writeFileSync(deepFile, `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}},"geometry":null}]}`);
  const file = fc.constantFrom(data('communities.geojson'), data('status.csv'), data('inspections.csv'), data('campaign.json'), '/dev/null', temp, join(temp, 'missing.csv'), deepFile);
  const value = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype), '-1', '1e400', 'NaN', '0', 'queen', 'csv', 'geojson', 'status', 'campaign', data('status.csv')));
  const flag = fc.constantFrom('--kind', '--select', '--status', '--mode', '--min-shared', '--tolerance', '--id-field', '--format', '--pairs', '--nope', '-x');
  const argv = fc.tuple(fc.constantFrom('analyze', 'validate'), file, fc.array(fc.tuple(flag, value), { maxLength: 3 })).map(([command, path, options]) => [command, path, ...options.flat()]);

  test('lianpian <any command, file and flags> ends with a code, never E_INTERNAL or a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const { code, stderr } = await runLianpian(...args);
        expect([0, 1, 2]).toContain(code);
        expect(stderr).not.toContain('E_INTERNAL');
        expect(stderr).not.toMatch(STACK_LINE);
      }),
      { numRuns: 150 },
    );
  });
});
