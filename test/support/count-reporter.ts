/**
 * A @web/test-runner reporter that writes what ran, per engine, to a JSON file (SF_RESULTS_FILE), so
 * test/run-browsers.ts can print one line per engine and a closing total. Files that failed to load or
 * crashed count as failures too, not as "no tests".
 */
import { writeFileSync } from 'node:fs';
import type { Reporter, TestSession, TestSuiteResult } from '@web/test-runner-core';

export interface EngineCounts {
  passed: number;
  failed: number;
  skipped: number;
  /** Test files whose session failed outside a test (load error, browser disconnect, timeout). */
  brokenFiles: string[];
}

function countSuite(suite: TestSuiteResult, counts: EngineCounts): void {
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else if (test.error) counts.failed += 1;
    // else: never ran; a file that stopped early is counted in brokenFiles
  }
  for (const child of suite.suites) countSuite(child, counts);
}

export function countReporter(file: string | undefined): Reporter {
  return {
    onTestRunFinished({ sessions }: { sessions: TestSession[] }) {
      if (!file) return;
      const counts: EngineCounts = { passed: 0, failed: 0, skipped: 0, brokenFiles: [] };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, counts);
        if (session.errors.length > 0 || !session.testResults) counts.brokenFiles.push(session.testFile);
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}
