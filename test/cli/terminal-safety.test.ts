/** Issue 17 (security, misleading messages): nothing a file holds can drive the terminal; a FIFO never blocks forever. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli, type Command } from '../../src/cli/program.ts';
import { readInputFile } from '../../src/cli/read-input.ts';
import { terminalSafe } from '../../src/cli/terminal-text.ts';
import { captureIO, runLianpian } from '../support/cli.ts';
import { inputErrorOf } from '../support/input-error.ts';

const temp = mkdtempSync(join(tmpdir(), 'lianpian-terminal-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Characters a terminal acts on (CRLF aside). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

describe('terminalSafe()', () => {
  test('leaves no control character in any text, and keeps text without them as it is (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const safe = terminalSafe(text);
        expect(CONTROL.test(safe)).toBe(false);
        if (!CONTROL.test(text)) expect(safe).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  test('writes an OSC title sequence as visible escapes; tab, LF and CRLF stay', () => {
    expect(terminalSafe('a\u001b]0;owned\u0007\tb\r\nc\rd')).toBe('a\\u001b]0;owned\\u0007\tb\r\nc\\u000dd');
  });
});

describe('issue 17: the CLI prints no escape sequence from data', () => {
  test('validate with ESC in a header, a name and an id prints them escaped', async () => {
    const path = join(temp, 'status.csv');
    writeFileSync(path, '社区代码,社区名称,精品示范社区,\u001b[31mred\u001b[0m\n330302006044\u001b]0;x\u0007,鼓楼\u001b[2J社区,是,1\n');
    const { stdout, stderr } = await runLianpian('validate', path, '--kind', 'status');
    expect(stdout + stderr).not.toMatch(CONTROL);
    expect(stdout + stderr).toContain('\\u001b');
  });

  test('every path through runCli is escaped: a command output, an InputError and an internal error', async () => {
    const command = (run: Command['run']): Command => ({ name: 'x', summary: '', usage: '', run });
    for (const run of [
      (_: string[], io: { out(text: string): void }) => (io.out('\u001b[2J\n'), 0),
      () => {
        throw new Error('\u001b]0;boom\u0007');
      },
    ]) {
      const io = captureIO();
      await runCli(['x'], [command(run)], io);
      expect(io.stdout + io.stderr).not.toMatch(CONTROL);
    }
  });
});

describe('issue 17: a FIFO with no writer', () => {
  test('readInputFile() gives up after the wait with E_ARGUMENT instead of blocking forever', () => {
    const fifo = join(temp, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const started = performance.now();
    const error = inputErrorOf(() => readInputFile(fifo, 1024, 300));
    expect(error.code).toBe('E_ARGUMENT');
    expect(error.actual).toContain('没有写入方');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('issue 17: plan size messages', () => {
  const data = (name: string) => join(process.cwd(), 'data/lucheng', name);
  test('--size -3 is refused in Chinese (with English)', async () => {
    const { code, stderr } = await runLianpian('plan', data('communities.geojson'), '--status', data('status.csv'), '--size', '-3');
    expect(code).toBe(2);
    expect(stderr).toMatch(/以 - 开头|应为不小于 1 的整数/);
    expect((await runLianpian('plan', data('communities.geojson'), '--status', data('status.csv'), '--size=-3')).stderr).toContain('应为不小于 1 的整数');
  });

  test('a campaign target larger than the district is blamed on the config, not on --size', async () => {
    const config = join(temp, 'campaign.json');
    const campaign = JSON.parse(readFileSync(data('campaign.json'), 'utf8')) as { targets: { demoCommunities: number } };
    campaign.targets.demoCommunities = 100_000;
    writeFileSync(config, JSON.stringify(campaign));
    const { code, stderr } = await runLianpian('plan', data('communities.geojson'), '--status', data('status.csv'), '--config', config);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^E_CONFIG: .*targets\.demoCommunities/);
    expect(stderr).not.toContain('--size”');
  });
});

describe('issue 17: validate warns about what the app warns about', () => {
  test('a self-intersecting ring is a warning of lianpian validate, as in the app', async () => {
    const path = join(temp, 'bow.geojson');
    const square = (x: number) => [[[x, 28], [x + 0.01, 28], [x + 0.01, 28.01], [x, 28.01], [x, 28]]];
    const bow = [[[120.6, 28], [120.61, 28.01], [120.61, 28], [120.6, 28.01], [120.6, 28]]];
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'a', properties: { name: '甲' }, geometry: { type: 'Polygon', coordinates: bow } }, { type: 'Feature', id: 'b', properties: {}, geometry: { type: 'Polygon', coordinates: square(120.62) } }] }));
    const { code, stdout } = await runLianpian('validate', path, '--kind', 'boundaries');
    expect(code).toBe(0);
    expect(stdout).toContain('W_INVALID_RING');
    expect(stdout).toContain('自相交');
  });
});
