#!/usr/bin/env node
// Reads a `pnpm test` log on stdin, passes it through, and ends with one plain line adding up
// every vitest suite's counts: "tests: N passed, N failed, N skipped". CI reads that line.
import { createInterface } from "node:readline";

const totals = { passed: 0, failed: 0, skipped: 0 };
for await (const line of createInterface({ input: process.stdin })) {
  process.stdout.write(`${line}\n`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes.
  const plain = line.replace(/\u001b\[[0-9;]*m/g, "");
  const counts = /^\S+:\s+Tests\s+(.+?)\s+\(\d+\)\s*$/.exec(plain)?.[1];
  if (!counts) continue;
  for (const part of counts.split("|")) {
    const [, n, word] = /(\d+)\s+(passed|failed|skipped|todo)/.exec(part) ?? [];
    if (word === "passed" || word === "failed") totals[word] += Number(n);
    else if (word) totals.skipped += Number(n);
  }
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
