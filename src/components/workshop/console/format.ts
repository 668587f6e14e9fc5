/** Small formatters of the console's readouts. */
export const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
export const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
export const msText = (x: number | null) => (x === null ? '—' : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
export const ago = (t: number, now: number) => {
  const s = Math.max(0, Math.round((now - t) / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.floor(s / 60)} min ago` : `${Math.floor(s / 3600)} h ago`;
};
