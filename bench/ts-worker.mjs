// Starts a TypeScript worker thread: tsx's loader is not inherited by worker threads.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
