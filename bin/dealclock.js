#!/usr/bin/env node
// Runs the TypeScript sources directly (through tsx), so `npm start` and `npx dealclock`
// work straight after `npm install` and always run the code that is checked out.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
