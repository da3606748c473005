#!/usr/bin/env node
// The `plugboard` command in a checkout of plugboard (`npm run plugboard -- <args>`): scripts/plugboard-dev.mjs
// builds dist/ when it is missing or older than src/, then runs the program. The package's bin is the program
// itself, dist/cli/main.js; this file is not published.
await import('../scripts/plugboard-dev.mjs');
