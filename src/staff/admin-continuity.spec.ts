import { leavesNoAdmin } from './admin-continuity';

describe('leavesNoAdmin', () => {
  const tomorrow = '2027-01-02T00:00:00.000Z';
  const nextWeek = '2027-01-08T00:00:00.000Z';

  it('keeps going while one admin has no leave scheduled', () => {
    expect(leavesNoAdmin([{ staffId: 'a', accessUntil: null }, { staffId: 'b', accessUntil: tomorrow }], { staffId: 'b', losesAdminRole: true })).toBe(false);
    expect(leavesNoAdmin([{ staffId: 'a', accessUntil: null }, { staffId: 'b', accessUntil: null }], { staffId: 'b', leavesAt: nextWeek })).toBe(false);
  });

  it('refuses when every remaining admin leaves at some instant, whichever comes first', () => {
    const roster = [{ staffId: 'a', accessUntil: null }, { staffId: 'b', accessUntil: tomorrow }];
    expect(leavesNoAdmin(roster, { staffId: 'a', losesAdminRole: true })).toBe(true);
    expect(leavesNoAdmin(roster, { staffId: 'a', leavesAt: nextWeek })).toBe(true);
    expect(leavesNoAdmin(roster, { staffId: 'a', leavesAt: '2027-01-01T12:00:00.000Z' })).toBe(true);
    expect(leavesNoAdmin([{ staffId: 'a', accessUntil: null }], { staffId: 'a', losesAdminRole: true })).toBe(true);
  });

  it('ignores changes to someone who is not an admin', () => {
    expect(leavesNoAdmin([{ staffId: 'a', accessUntil: null }], { staffId: 'x', losesAdminRole: true })).toBe(false);
  });
});
