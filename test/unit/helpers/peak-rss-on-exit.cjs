'use strict';
// Preloaded (node -r) into a child whose peak memory a test measures. VmHWM
// is this process image's own high-water mark, workers and buffers outside
// the JS heap included; getrusage's maxrss is not: Linux carries it over
// from the parent the child was forked from.
const fs = require('node:fs');

process.on('exit', () => {
  let kb = process.resourceUsage().maxRSS;
  try {
    kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]);
  } catch {
    // Not Linux: maxrss is the best there is.
  }
  process.stderr.write(`\nPEAK_RSS_KB=${kb}\n`);
});
