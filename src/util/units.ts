/** "64 MiB", "10MB", "5000000" → bytes; null when unreadable. Pure. */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = (m[2] ?? "b").toLowerCase();
  const mult: Record<string, number> = { b: 1, kb: 1000, kib: 1024, mb: 1000 ** 2, mib: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3 };
  return Math.round(Number(m[1]) * mult[unit]);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

export function formatMillis(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "uv cache 3.00 MiB, python_modules 1.0 KiB". Pure. */
export function describeSizes(sizes: Record<string, number>): string {
  return Object.entries(sizes)
    .map(([k, v]) => `${k} ${formatBytes(v)}`)
    .join(", ");
}
