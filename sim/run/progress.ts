/** A progress bar on a terminal (stderr), silent when stderr is not a terminal. */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

export function progressBar(total: number, label: string, enabled = process.stderr.isTTY === true): Progress {
  if (!enabled || total <= 0) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted}`, formatTime: (t: number) => formatEta(t), stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (d) => bar.update(d), stop: () => bar.stop() };
}

/**
 * A remaining time for the bar: "7s", "45s", "2m05s", "1h03m". The seconds are
 * rounded first (to 5 s above 10 s, as cli-progress does) and only then split
 * into hours, minutes and seconds, so 179.9 s reads "3m00s", never "2m60s"
 * (cli-progress's own formatter rounds the remainder after splitting).
 */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const pad = (v: number) => String(v).padStart(2, '0');
  const s = seconds > 10 ? 5 * Math.round(seconds / 5) : Math.round(seconds);
  if (s >= 3600) {
    const m = Math.round(s / 60); // whole minutes once past an hour
    return `${Math.floor(m / 60)}h${pad(m % 60)}m`;
  }
  if (s >= 60) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
  return `${s}s`;
}
