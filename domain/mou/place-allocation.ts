import type { OccupationGroup } from '../participants/occupation.js';

export type PlaceRefusal = 'QUOTA_EXCEEDED' | 'GROUP_NOT_FUNDED';

/**
 * Places for a page of a bulk import, in the order of the list: a row gets one while both its
 * group and the MoU have places left; a group the MoU does not fund refuses every row of it.
 */
export function allocatePlaces<T extends { occupationGroup: OccupationGroup }>(
  wanted: readonly T[],
  left: { total: number; byGroup: Partial<Record<OccupationGroup, number>> },
): { granted: T[]; refused: { item: T; reason: PlaceRefusal }[] } {
  let total = left.total;
  const byGroup = { ...left.byGroup };
  const granted: T[] = [];
  const refused: { item: T; reason: PlaceRefusal }[] = [];
  for (const item of wanted) {
    const group = byGroup[item.occupationGroup];
    if (group === undefined) refused.push({ item, reason: 'GROUP_NOT_FUNDED' });
    else if (group <= 0 || total <= 0) refused.push({ item, reason: 'QUOTA_EXCEEDED' });
    else {
      granted.push(item);
      byGroup[item.occupationGroup] = group - 1;
      total -= 1;
    }
  }
  return { granted, refused };
}
