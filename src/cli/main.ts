#!/usr/bin/env node
/** The `driftwatch` executable: runs the CLI program and sets the exit code. */
import { main } from './program.ts';

process.exitCode = await main(process.argv.slice(2));
