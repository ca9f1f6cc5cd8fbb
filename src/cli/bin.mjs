#!/usr/bin/env node
// The `deck` command: runs the compiled CLI (lib/cli/), compiling it first when a source is newer.
import { compiledCli } from './compile.mjs';

const { main } = await import(await compiledCli());
process.exitCode = await main(process.argv.slice(2));
