import { describe, expect, it } from 'vitest';
import { allocatePlaces } from './place-allocation.js';

const row = (id: string, occupationGroup: 'RT_RW_HEAD' | 'RELIGIOUS_TEACHER' | 'MARKET_PORTER') => ({ id, occupationGroup });

describe('places for a page of a bulk import', () => {
  it.each([
    ['all fit', { total: 10, byGroup: { RT_RW_HEAD: 5, RELIGIOUS_TEACHER: 5 } }, ['a', 'b', 'c'], []],
    ['the group fills up in list order', { total: 10, byGroup: { RT_RW_HEAD: 1, RELIGIOUS_TEACHER: 5 } }, ['a', 'c'], ['b:QUOTA_EXCEEDED']],
    ['the MoU total fills up first', { total: 2, byGroup: { RT_RW_HEAD: 5, RELIGIOUS_TEACHER: 5 } }, ['a', 'b'], ['c:QUOTA_EXCEEDED']],
    ['a group the MoU does not fund', { total: 10, byGroup: { RT_RW_HEAD: 5 } }, ['a', 'b'], ['c:GROUP_NOT_FUNDED']],
  ])('%s', (_what, left, granted, refused) => {
    const out = allocatePlaces([row('a', 'RT_RW_HEAD'), row('b', 'RT_RW_HEAD'), row('c', 'RELIGIOUS_TEACHER')], left);
    expect(out.granted.map((g) => g.id)).toEqual(granted);
    expect(out.refused.map((r) => `${r.item.id}:${r.reason}`)).toEqual(refused);
  });
});
