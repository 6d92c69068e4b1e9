/** Runs the CLI in-process and captures what it prints. */
import { COMMANDS } from '../../src/cli/commands/index.ts';
import { runCli, type CliIO } from '../../src/cli/program.ts';

export function captureIO(): CliIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) };
  return io;
}

/** `lianpian <args>` with its exit code and output. */
export async function runLianpian(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIO();
  const code = await runCli(args, COMMANDS, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}
