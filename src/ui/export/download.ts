/** Saving files from the page: a Blob handed to the browser's download through a temporary link. */
import type { RunResult } from '../../run/result';

/** Starts the download of `blob` as `filename`. */
export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** File name stem that says which run a file came from: "srnn-lorenz-w1000-seed7". */
export function fileStem(r: RunResult): string {
  return `srnn-${r.config.sys}-w${r.config.width}-seed${r.config.seed}`;
}
