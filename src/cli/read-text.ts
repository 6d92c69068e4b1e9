/** Reading an input file for a command: a missing or unreadable file is an E_ARGUMENT InputError, never a stack trace. */
import { readFileSync } from 'node:fs';
import { InputError } from '../core/index.ts';

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在 not found' : (error as Error).message;
    throw new InputError({ code: 'E_ARGUMENT', file, expected: '可读取的数据文件 a readable data file', actual: reason });
  }
}
