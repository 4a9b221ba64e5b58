import { StaffService } from '../../src/staff/staff.service';
import { Medium } from '../support/medium';

describe('a medium test world', () => {
  let medium: Medium;
  beforeAll(async () => (medium = await Medium.start()));
  afterAll(() => medium.close());

  it('runs a service with its real repositories and writes its audit entry, without HTTP', async () => {
    const before = await medium.auditHead();
    const manager = await medium.staff(['manager'], { displayName: 'Mary Manager' });
    expect(await medium.auditActionsSince(before)).toEqual(['staff.created']);
    const staff = await medium.get(StaffService).list(manager, {} as never);
    expect(staff.items.map((member: { displayName: string }) => member.displayName)).toContain('Mary Manager');
    expect(manager.roles).toEqual(['manager']);
  });
});
