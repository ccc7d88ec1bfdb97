// Exact percentiles of time to pay from a histogram (issue 18): the managers' KPIs keep paid claims
// counted per whole day from filing to payment, find here which claims (rank within a day bucket)
// hold a percentile, read just those values, and interpolate as PostgreSQL's percentile_cont does.

/** One histogram bucket: claims that took [days, days + 1) days, in ascending `days` order. */
export interface DayBucket {
  days: number;
  count: number;
}

/** Where the k-th smallest value (0-based) sits: its bucket and its rank inside that bucket. */
export interface BucketRank {
  days: number;
  offset: number;
}

/** The two ranks percentile_cont(fraction) reads out of n sorted values, and the weight between them. */
export function percentileRanks(n: number, fraction: number): { lo: number; hi: number; weight: number } | null {
  if (n <= 0) return null;
  const position = fraction * (n - 1);
  const lo = Math.floor(position);
  return { lo, hi: Math.ceil(position), weight: position - lo };
}

/** The bucket and in-bucket rank of the k-th smallest value; buckets in ascending order. */
export function locateRank(buckets: readonly DayBucket[], k: number): BucketRank {
  let before = 0;
  for (const bucket of buckets) {
    if (k < before + bucket.count) return { days: bucket.days, offset: k - before };
    before += bucket.count;
  }
  throw new Error(`rank ${k} is beyond the ${before} values of the histogram`);
}

/** percentile_cont's interpolation (float8_lerp): lo + weight × (hi − lo), or lo when both ranks are one. */
export function interpolate(lo: number, hi: number, weight: number, sameRank: boolean): number {
  return sameRank ? lo : lo + weight * (hi - lo);
}
