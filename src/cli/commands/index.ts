/** Every CLI command, in the order `lianpian --help` lists them. */
import type { Command } from '../program.ts';
import { analyzeCommand } from './analyze.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { bestSetCommand } from './best-set.ts';
import { reportCommand } from './report.ts';
import { validateCommand } from './validate.ts';

export const COMMANDS: readonly Command[] = [analyzeCommand, backupCommand, bestSetCommand, reportCommand, restoreCommand, validateCommand];
