#!/usr/bin/env node
// The `deck` command: loads the TypeScript CLI through tsx, so there is no separate compile step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
