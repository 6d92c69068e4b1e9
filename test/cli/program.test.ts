import { expect, test } from 'vitest';
import { runCli, VERSION } from '../../src/cli/program.ts';
import { captureIO } from '../support/cli.ts';
import { COMMANDS } from '../../src/cli/commands/index.ts';

test('lianpian --version prints the package version', async () => {
  const io = captureIO();
  expect(await runCli(['--version'], COMMANDS, io)).toBe(0);
  expect(io.stdout.trim()).toBe(VERSION);
  expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
});

test('lianpian --help lists every command', async () => {
  const io = captureIO();
  expect(await runCli(['--help'], COMMANDS, io)).toBe(0);
  expect(io.stdout).toContain('Usage: lianpian <command>');
  for (const command of COMMANDS) expect(io.stdout).toContain(command.name);
});

test('lianpian with an unknown command exits 2 with a message', async () => {
  const io = captureIO();
  expect(await runCli(['frobnicate'], COMMANDS, io)).toBe(2);
  expect(io.stderr).toMatch(/^E_ARGUMENT: unknown command "frobnicate"/);
});
