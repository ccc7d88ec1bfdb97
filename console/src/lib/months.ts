// Sampling dates for figures over time. Pure: "today" is an argument (the city's local date).

/** The last day of each of the 11 months before `today`'s, oldest first, then `today` itself. */
export function monthEndsUntil(today: string, count = 12): string[] {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const dates: string[] = [];
  for (let back = count - 1; back >= 1; back--) {
    // Day 0 of the following month is the last day of this one (UTC keeps it free of zones).
    const end = new Date(Date.UTC(year, month - back, 0));
    dates.push(end.toISOString().slice(0, 10));
  }
  dates.push(today);
  return dates;
}
