#!/usr/bin/env node
// The `plugboard` command: the program is compiled to dist/ (npm run build). In a checkout of plugboard (the package
// does not ship scripts/), scripts/plugboard-dev.mjs first builds dist/ when it is missing or older than src/.
import { existsSync } from 'node:fs';

const checkout = new URL('../scripts/plugboard-dev.mjs', import.meta.url);
await import(existsSync(checkout) ? checkout.href : '../dist/cli/main.js');
