#!/usr/bin/env node
// The `plugboard` command: the program is compiled to dist/ (npm run build).
import '../dist/cli/main.js';
