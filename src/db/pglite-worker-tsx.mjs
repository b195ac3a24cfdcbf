// Starts pglite-worker.ts when dealclock runs from its TypeScript sources (tests, tsx):
// worker threads do not inherit the parent's tsx loader. The compiled build does not
// need this file; it starts dist/db/pglite-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-worker.ts');
