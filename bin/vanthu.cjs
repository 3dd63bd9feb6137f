#!/usr/bin/env node
// The `vanthu` command: the bundled CLI (built by `npm run build`).
require('../dist/cli/vanthu.cjs').main();
