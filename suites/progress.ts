/** One API's progress, as the suites report it. */
export interface Progress {
  readonly api: string;
  readonly done: number;
  readonly total: number;
  readonly findings: number;
}

const marker = '\u0000conformance-progress:';

/** The console line a suite prints to report progress. */
export function progressLine(progress: Progress): string {
  return `${marker}${JSON.stringify(progress)}`;
}

/** The progress a console line carries, if it is one. */
export function readProgress(line: string): Progress | undefined {
  return line.startsWith(marker) ? (JSON.parse(line.slice(marker.length).trim()) as Progress) : undefined;
}

/**
 * Shows progress: on a terminal one line rewritten in place (cases done of total, findings so far,
 * rate); elsewhere a plain line per update.
 */
export function createProgressDisplay(write: (text: string) => void, tty: boolean): { update: (p: Progress) => void; end: () => void } {
  const started = performance.now();
  const state = new Map<string, Progress>();
  let shown = false;
  return {
    update: (progress) => {
      state.set(progress.api, progress);
      const all = [...state.values()];
      const done = all.reduce((n, p) => n + p.done, 0);
      const total = all.reduce((n, p) => n + p.total, 0);
      const findings = all.reduce((n, p) => n + p.findings, 0);
      const rate = Math.round(done / Math.max(0.001, (performance.now() - started) / 1000));
      const text = `${done}/${total} cases, ${findings} findings, ${rate} cases/s`;
      if (tty) {
        write(`\r\u001b[2K${text}`);
        shown = true;
      } else if (progress.done === progress.total || progress.done % 100 === 0) {
        write(`${progress.api}: ${progress.done}/${progress.total} cases, ${progress.findings} findings (all APIs: ${text})\n`);
      }
    },
    end: () => {
      if (shown) write('\r\u001b[2K');
    },
  };
}
