// Rewrites the generated part of docs/cli.md from the CLI's own definitions.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildProgram } from '../src/cli/main.js';
import { REFERENCE_START, renderReference } from '../src/cli/reference.js';

const file = new URL('../docs/cli.md', import.meta.url);
const current = readFileSync(file, 'utf8');
const index = current.indexOf(REFERENCE_START);
const intro = index === -1 ? current : current.slice(0, index);
writeFileSync(file, `${intro}${renderReference(buildProgram())}`);
