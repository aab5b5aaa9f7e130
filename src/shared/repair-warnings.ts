/**
 * Console warnings for fields the validators repaired in an answer (dropped an item, removed a
 * field, put in a default). One answer can need thousands (a hostile or broken feed measured
 * 13,000 lines on one page), which buries everything else in a shop's console. Repairs of one
 * answer arrive synchronously, so they are gathered until the next microtask and logged as one
 * line: how many of each kind, and the first few in full.
 */
import type { Repair } from '../api/validate.js';

const SHOWN = 3;

let batch: Array<{ message: string; repair: Repair }> = [];

export function warnRepair(message: string, repair: Repair): void {
  if (batch.length === 0) queueMicrotask(flush);
  batch.push({ message, repair });
}

function flush(): void {
  const repairs = batch;
  batch = [];
  if (repairs.length === 1) {
    console.warn(repairs[0]!.message);
    return;
  }
  const counts = new Map<Repair, number>();
  for (const { repair } of repairs) counts.set(repair, (counts.get(repair) ?? 0) + 1);
  const kinds = [...counts].map(([repair, count]) => `${count} ${repair}`).join(', ');
  const first = repairs.slice(0, SHOWN).map((r) => `\n  ${r.message}`).join('');
  console.warn(`[sauceflex] ${repairs.length} repairs in what the API answered (${kinds}); the first ${Math.min(SHOWN, repairs.length)}:${first}`);
}
