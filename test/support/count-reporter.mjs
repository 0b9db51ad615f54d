// A web-test-runner reporter that writes how many tests passed and failed to a JSON file, so the
// test command can print one summed closing line for every runner. It also keeps how long each file took, from the
// moment its page was being opened to the moment it finished, and writes them beside the counts (`…-files.json`,
// slowest first), and each test's (`…-tests.json`): that is where a browser tier's time goes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

function countSuite(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, counts);
}

/** Each file's seconds, slowest first, from the start and end times a session went through. */
export function fileDurations(times) {
  return [...times]
    .filter(([, t]) => t.start !== undefined && t.end !== undefined)
    .map(([file, t]) => ({ file, seconds: Math.round((t.end - t.start) / 100) / 10 }))
    .sort((a, b) => b.seconds - a.seconds);
}

/** Each test's milliseconds, as the page measured them, slowest first: `file › suite › test`. */
function testDurations(file, suite, path, out) {
  for (const test of suite.tests ?? []) {
    if (test.duration !== undefined) out.push({ test: [file, ...path, test.name].join(' › '), ms: test.duration });
  }
  for (const child of suite.suites ?? []) testDurations(file, child, [...path, child.name], out);
  return out;
}

export function countReporter(outputFile) {
  const times = new Map();
  return {
    start({ sessions }) {
      sessions.on('session-status-updated', (session) => {
        const file = relative(process.cwd(), session.testFile);
        const entry = times.get(file) ?? {};
        if (session.status === 'INITIALIZING' && entry.start === undefined) entry.start = Date.now();
        if (session.status === 'FINISHED') entry.end = Date.now();
        times.set(file, entry);
      });
    },
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const tests = [];
      // The last files' own 'finished' may reach this reporter after the run's end: they end now.
      for (const entry of times.values()) if (entry.start !== undefined) entry.end ??= Date.now();
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, counts);
        if (session.testResults) {
          const file = relative(process.cwd(), session.testFile);
          const own = testDurations(file, session.testResults, [], []);
          tests.push(...own);
          // A file whose page opening this reporter did not see: its tests' own time stands in for it.
          const entry = times.get(file) ?? {};
          if (entry.start === undefined) times.set(file, { start: 0, end: own.reduce((sum, t) => sum + t.ms, 0) });
        }
        // A file that failed to load or threw outside a test has no test results: count it as one failure.
        const broken = !session.passed && (session.errors?.length ?? 0) > 0;
        if (broken) counts.failed += 1;
      }
      mkdirSync(dirname(outputFile), { recursive: true });
      writeFileSync(outputFile, JSON.stringify(counts));
      writeFileSync(outputFile.replace(/\.json$/, '-files.json'), JSON.stringify(fileDurations(times), null, 1));
      tests.sort((a, b) => b.ms - a.ms);
      writeFileSync(outputFile.replace(/\.json$/, '-tests.json'), JSON.stringify(tests, null, 1));
    },
  };
}
