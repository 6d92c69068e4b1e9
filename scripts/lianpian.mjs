#!/usr/bin/env node
// `lianpian` bin: runs the TypeScript CLI straight from src/ through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
