// Picked up by `npm run bench` (run-all runs every *.bench.js); the benchmark itself is report.ts.
import './report';
