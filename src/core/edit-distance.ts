/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition) from one
 * fixed string to many others, computed only within `budget` of the diagonal and
 * abandoned as soon as a whole row exceeds the budget. Reuses its rows across calls.
 * Used for every "did you mean": project references and subcommand names.
 */
export class BandedDistance {
  private readonly rows: [Int32Array, Int32Array, Int32Array];

  constructor(
    private readonly a: string,
    private readonly budget: number,
  ) {
    const width = a.length + budget + 2;
    this.rows = [new Int32Array(width), new Int32Array(width), new Int32Array(width)];
  }

  /**
   * `full`: distance from `a` to `b`; `prefix`: the least distance from `a` to any prefix
   * of `b`. Each is `budget + 1` when over budget.
   */
  measure(b: string): { full: number; prefix: number } {
    const { a, budget } = this;
    const over = budget + 1;
    const m = a.length;
    const cols = Math.min(b.length, m + budget);
    let [before, prev, cur] = this.rows;

    for (let j = 0; j <= cols; j++) prev[j] = j <= budget ? j : over;
    if (cols + 1 < prev.length) prev[cols + 1] = over;

    for (let i = 1; i <= m; i++) {
      const lo = Math.max(1, i - budget);
      const hi = Math.min(cols, i + budget);
      cur[0] = i <= budget ? i : over;
      if (lo > 1) cur[lo - 1] = over;
      let rowMin = cur[0];
      const ai = a.charCodeAt(i - 1);
      const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
      for (let j = lo; j <= hi; j++) {
        const bj = b.charCodeAt(j - 1);
        let d = prev[j - 1]! + (ai === bj ? 0 : 1);
        const del = prev[j]! + 1;
        if (del < d) d = del;
        const ins = cur[j - 1]! + 1;
        if (ins < d) d = ins;
        if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) {
          const swap = before[j - 2]! + 1;
          if (swap < d) d = swap;
        }
        if (d > over) d = over;
        cur[j] = d;
        if (d < rowMin) rowMin = d;
      }
      if (hi + 1 < cur.length) cur[hi + 1] = over;
      if (rowMin > budget) return { full: over, prefix: over };
      [before, prev, cur] = [prev, cur, before];
    }

    const n = b.length;
    const full = Math.abs(m - n) <= budget ? prev[n]! : over;
    let prefix = over;
    for (let j = Math.max(0, m - budget); j <= cols; j++) if (prev[j]! < prefix) prefix = prev[j]!;
    return { full, prefix };
  }
}
