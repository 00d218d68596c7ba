// Picked up by `npm run bench` (run-all runs every *.bench.js); the benchmark itself is inventory-import.ts.
import './inventory-import';
