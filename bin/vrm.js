#!/usr/bin/env node
// The vrm command. It runs the compiled CLI from dist/ (built by `npm run build`, which the
// README's commands do for you), so start-up never pays for a TypeScript compiler.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
