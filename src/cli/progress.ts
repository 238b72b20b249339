import type { Progress } from '../server/context.js';

/** A one-line progress display on stderr, redrawn in place on a terminal, every 10 % otherwise. */
export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  let lastShown = -10;
  return (done, total, stage) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
    const width = 24;
    const filled = Math.round((pct / 100) * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const text = `${label} ${bar} ${String(pct).padStart(3)}% ${done}/${total} ${stage}`;
    if (stream.isTTY) {
      stream.write(`\r${text}\x1b[K${done >= total ? '\n' : ''}`);
    } else if (pct >= lastShown + 10 || done >= total) {
      lastShown = pct;
      stream.write(`${text}\n`);
    }
  };
}
