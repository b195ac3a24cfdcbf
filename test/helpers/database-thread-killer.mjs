// Preloaded into a dealclock process by tests (`node --import <this file> bin/dealclock.js …`):
// it notes the embedded database's worker thread as it is created and terminates it on
// SIGUSR2. The thread then dies from outside, as it does when its heap runs out, through
// Node's own worker API and with no hook in dealclock itself.
import { syncBuiltinESMExports } from 'node:module';
import workerThreads from 'node:worker_threads';

const databaseThreads = [];
const { Worker } = workerThreads;
workerThreads.Worker = class extends Worker {
  constructor(filename, options) {
    super(filename, options);
    if (String(filename).includes('pglite-worker')) databaseThreads.push(this);
  }
};
// `import { Worker } from 'node:worker_threads'` in dealclock now gets the class above.
syncBuiltinESMExports();

process.on('SIGUSR2', () => {
  for (const thread of databaseThreads) void thread.terminate();
});
