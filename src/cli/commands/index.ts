/** Every CLI command, in the order `lianpian --help` lists them. */
import type { Command } from '../program.ts';
import { validateCommand } from './validate.ts';

export const COMMANDS: readonly Command[] = [validateCommand];
