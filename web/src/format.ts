// Small formatting helpers shared by the pages.

export const SEVERITY_RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1 };
export const DECISION_RANK: Record<string, number> = { block: 4, hold: 3, review: 2, clear: 1 };
export const DECISIONS = ["clear", "review", "hold", "block"] as const;

export function bySeverity<T extends { severity: string }>(xs: T[]): T[] {
  return [...xs].sort((a, b) => (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0));
}

export function num(n: number | undefined | null, digits = 2): string {
  if (n === undefined || n === null || Number.isNaN(n)) return "";
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}

// "2025-03-18T10:00:00Z" -> "2025-03-18 10:00 UTC"
export function when(ts: string | null | undefined): string {
  if (!ts) return "";
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(ts);
  return m ? `${m[1]} ${m[2]} UTC` : ts;
}

export function label(s: string): string {
  return s.replace(/_/g, " ");
}
