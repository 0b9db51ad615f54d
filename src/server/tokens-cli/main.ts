#!/usr/bin/env node
import { createInterface } from 'node:readline/promises';
import { runTokensCli } from './run.js';

const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);

const code = await runTokensCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  interactive,
  async confirm(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(question)).trim());
    } finally {
      rl.close();
    }
  },
});
process.exitCode = code;
