#!/usr/bin/env node
'use strict';
// The `hoan` command: a thin launcher for the compiled CLI (npm install builds it).
const path = require('node:path');
let main;
try {
  main = require(path.join(__dirname, '..', '..', 'out', 'electron', 'cli', 'main.js')).main;
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('hoan: ビルドされていません。`npm run build` を実行してください / not built: run `npm run build`\n');
    process.exit(1);
  }
  throw err;
}
main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`hoan: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
