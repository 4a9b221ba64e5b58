// Names for ids: staff (visible to managers and admins) and accounts (what the caller may see).
import { get, getAll } from './api.js';
import { callerMay } from './actions/render.js';

let staffCache = null;
let accountCache = null;

export async function loadStaff(me) {
  if (staffCache) return staffCache;
  staffCache = new Map();
  if (callerMay(me, 'list_staff')) {
    try {
      const page = await getAll('staff?status=all&limit=200');
      for (const s of page.items) staffCache.set(s.id, s);
    } catch {
      // Falls through to the directory below.
    }
  }
  // Everyone may read the directory of active colleagues, so staff see names too ("Submitted by Jane Smith").
  if (staffCache.size === 0) {
    for (const c of await loadColleagues(me)) staffCache.set(c.id, c);
  }
  staffCache.set(me.id, me);
  return staffCache;
}

/** Active colleagues by name, for everyone signed in (the staff list itself is for managers and admins). */
export async function loadColleagues(me) {
  try {
    return (await get('staff/directory')).items;
  } catch {
    return [{ id: me.id, displayName: me.displayName }];
  }
}

export async function loadAccounts() {
  if (accountCache) return accountCache;
  const list = await getAll('accounts?limit=200');
  accountCache = new Map((list.items || list).map((a) => [a.id, a]));
  return accountCache;
}

export function forgetCaches() {
  staffCache = null;
  accountCache = null;
}

export function staffName(staff, id, me) {
  if (!id) return '—';
  if (me && id === me.id) return `${me.displayName} (you)`;
  const s = staff && staff.get(id);
  return s ? s.displayName : 'a former colleague';
}

export function accountName(accounts, id) {
  const a = accounts && accounts.get(id);
  return a ? `${a.name} (${a.platform})` : `account ${String(id).slice(0, 8)}`;
}
