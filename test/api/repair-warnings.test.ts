import { expect } from '@open-wc/testing';
import { warnRepair } from '../../src/shared/repair-warnings.js';

describe('repair warnings', () => {
  let lines: string[];
  let warn: typeof console.warn;
  beforeEach(() => {
    lines = [];
    warn = console.warn;
    console.warn = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = warn;
  });
  const tick = () => Promise.resolve();

  it('logs the repairs of one answer as one line: counts by kind and the first three', async () => {
    const kinds = ['dropped', 'defaulted', 'dropped', 'removed', 'dropped'] as const;
    kinds.forEach((repair, i) => warnRepair(`[sauceflex] field ${i} ${repair}`, repair));
    expect(lines, 'nothing before the answer is done').to.deep.equal([]);
    await tick();
    expect(lines).to.have.length(1);
    expect(lines[0]).to.contain('5 repairs').and.contain('3 dropped, 1 defaulted, 1 removed');
    expect(lines[0]).to.contain('field 0 dropped').and.contain('field 2 dropped').and.not.contain('field 3');
  });

  it('logs a lone repair as it is, and separate answers separately', async () => {
    warnRepair('[sauceflex] only one (dropped)', 'dropped');
    await tick();
    warnRepair('[sauceflex] next answer (defaulted)', 'defaulted');
    await tick();
    expect(lines).to.deep.equal(['[sauceflex] only one (dropped)', '[sauceflex] next answer (defaulted)']);
  });

  it('keeps 2,000 repairs of one answer to one line', async () => {
    for (let i = 0; i < 2_000; i++) warnRepair(`[sauceflex] repair ${i}`, 'defaulted');
    await tick();
    expect(lines).to.have.length(1);
    expect(lines[0]).to.contain('2000 repairs').and.contain('2000 defaulted');
  });
});
