#!/usr/bin/env node
// The jobdeck command: runs the compiled command line from dist/.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
