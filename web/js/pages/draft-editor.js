import { get, getAll, patch, post, request } from '../api.js';
import { act, announce, checkbox, clear, field, h, input, link, localToIso, nextId, notice, select, showError, textarea } from '../dom.js';
import { limitOf, limitsFor, loadPlatforms, megabytes } from '../platforms.js';
import { loadColleagues, loadStaff, staffName } from '../people.js';
import { callerMay, offersAt } from '../actions/render.js';
import { DRAFT_ACTIONS } from '../actions/draft.js';

/** Write or edit a post: live content checks with the findings marked in the text, limits counting down, media with declarations. */
export async function render({ root, params, me, navigate }) {
  const editing = Boolean(params.id);
  const draft = editing ? await get(`drafts/${params.id}`) : null;
  const [accounts, mine, events, platforms] = await Promise.all([getAll('accounts?limit=200').then((p) => p.items),
    getAll(`staff/${me.id}/authorisations?limit=200`).then((p) => p.items).catch(() => []),
    editing ? getAll(`drafts/${params.id}/history?limit=200`).then((p) => p.items).catch(() => []) : [], loadPlatforms()]);
  const heading = h('h1', {}, editing ? 'Edit post' : 'Write a post');
  root.append(heading);
  // Whether it may be edited is the server's answer (allowedActions), not a copy of its rules.
  if (editing && !offersAt(DRAFT_ACTIONS, draft, 'editor').length) {
    root.append(notice(`This post is ${draft.status.replace(/_/g, ' ')} and you cannot edit it now.`, 'warning'), link(`/drafts/${draft.id}`, 'Back to the post'));
    return;
  }
  // Managers and admins see every account, but only an active authorisation lets anyone post (closing an account revokes them).
  const authorisedOn = new Set(mine.filter((a) => a.active).map((a) => a.accountId));
  const usable = accounts.filter((a) => authorisedOn.has(a.id) || (editing && a.id === draft.accountId));
  // Someone who may grant authorisations still cannot grant their own.
  const grants = callerMay(me, 'grant_authorisations');
  if (!usable.length) {
    root.append(notice(grants
      ? 'You are not authorised on any account yet. A manager cannot authorise themselves: ask another manager (a deputy, say) to authorise you on the accounts you post to.'
      : 'You are not authorised on any account yet. Ask your Registered Manager to authorise you.', 'warning'));
    return;
  }
  if (grants && usable.length < accounts.length) {
    root.append(h('p', { class: 'meta' }, 'Only the accounts you are authorised on are listed. To post to another, ask another manager to authorise you: nobody can authorise themselves.'));
  }
  const changesAsked = editing ? requestedChanges(events) : null;
  if (changesAsked) {
    const staff = await loadStaff(me);
    root.append(h('section', { class: 'warning', 'aria-labelledby': 'requested-h' }, h('h2', { id: 'requested-h' }, 'Changes requested'),
      h('p', {}, `${staffName(staff, changesAsked.actorId, me)} asked for these changes:`), h('blockquote', {}, changesAsked.details.comment)));
  }
  if (editing && draft.status !== 'draft') root.append(notice('Saving a change makes this a new revision: it goes back to draft and any approval is void. Submit it again afterwards.', 'warning'));

  const rev = draft ? draft.revision : { text: '', title: null, link: null, media: [] };
  const accountSelect = select('accountId', usable.map((a) => [a.id, `${a.name} (${a.platform}${a.mode === 'sandbox' ? ', sandbox' : ''})`]), { value: draft ? draft.accountId : usable[0].id, disabled: editing });
  const titleInput = input('title', { value: rev.title || '' });
  const titleField = field('Title', titleInput, `YouTube video title: at most ${limitOf(platforms, 'youtube', 'titleCharacters')} characters, no < or >.`);
  const text = textarea('text', { rows: 8, value: rev.text, spellcheck: 'true' });
  const linkInput = input('link', { type: 'url', value: rev.link || '', placeholder: 'https://' });
  const scheduled = input('scheduledFor', { type: 'datetime-local', value: draft && draft.scheduledFor ? toLocal(draft.scheduledFor) : '' });

  const counters = h('ul', { class: 'counters', 'aria-live': 'polite', 'aria-label': 'Platform limits' });
  const highlighted = h('div', { class: 'highlighted', 'aria-hidden': 'true' });
  const findingsBox = h('div', { 'aria-live': 'polite' });
  const mediaBox = h('div', {});
  const media = [];

  const fileInput = h('input', { type: 'file', name: 'file', accept: 'image/jpeg,image/png,video/mp4,video/quicktime' });
  const uploadStatus = h('div', { 'aria-live': 'polite' });
  const colleagues = await loadColleagues(me);

  function mediaEntry(item, preview) {
    const idBase = nextId('media');
    const alt = input(`media.${idBase}.altText`, { value: item.altText || '' });
    const rights = select(`media.${idBase}.rights`, [['', 'Not declared'], ['own', 'We own it'], ['licensed', 'Licensed'], ['permission', 'Used with permission']], { value: item.rights || '' });
    const reference = input(`media.${idBase}.rightsReference`, { value: item.rightsReference || '' });
    const serviceUsers = checkbox(`media.${idBase}.serviceUsers`, 'Shows someone we support (cannot be published)', item.depicts.serviceUsers);
    const publicBox = checkbox(`media.${idBase}.public`, 'Shows members of the public', item.depicts.public);
    // Anyone already declared stays chosen even if no longer in the directory (say, they have left).
    const known = new Set(colleagues.map((c) => c.id));
    const choices = [...colleagues.map((c) => [c.id, c.id === me.id ? `${c.displayName} (you)` : c.displayName]),
      ...item.depicts.staffIds.filter((id) => !known.has(id)).map((id) => [id, `Former colleague ${id.slice(0, 8)}`])];
    const staffIds = select(`media.${idBase}.staffIds`, choices, { multiple: true, size: Math.min(6, Math.max(2, choices.length)) });
    for (const o of staffIds.options) o.selected = item.depicts.staffIds.includes(o.value);
    const entry = { item, read: () => ({
      mediaId: item.mediaId,
      altText: alt.value.trim(),
      depicts: {
        staffIds: [...staffIds.selectedOptions].map((o) => o.value),
        serviceUsers: serviceUsers.querySelector('input').checked,
        public: publicBox.querySelector('input').checked,
      },
      ...(rights.value ? { rights: rights.value } : {}),
      ...(reference.value.trim() ? { rightsReference: reference.value.trim() } : {}),
    }) };
    const remove = h('button', { type: 'button', class: 'secondary' }, 'Remove this file');
    const box = h('fieldset', { class: 'media-item' }, h('legend', {}, `Attached ${item.label || 'file'}`), preview,
      field('Alt text', alt, 'Describe the image for people who cannot see it.'),
      field('Colleagues shown', staffIds, 'Each is asked for consent. Ctrl/Cmd-click (or tap) to choose several.'),
      serviceUsers, publicBox,
      field('Rights', rights), field('Licence or permission reference', reference), remove);
    remove.addEventListener('click', () => {
      media.splice(media.indexOf(entry), 1);
      box.remove();
      scheduleCheck();
    });
    box.addEventListener('input', scheduleCheck);
    box.addEventListener('change', scheduleCheck);
    media.push(entry);
    mediaBox.append(box);
    return alt;
  }
  for (const m of rev.media) mediaEntry({ ...m, label: `file ${m.mediaId.slice(0, 8)}` }, null);

  fileInput.addEventListener('change', () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    act(uploadStatus, fileInput, async () => {
      uploadStatus.replaceChildren(h('p', {}, `Uploading ${file.name}…`));
      const data = new FormData();
      data.append('file', file);
      try {
        const uploaded = await request('POST', 'media', data);
        const url = URL.createObjectURL(file);
        const preview = uploaded.mimeType.startsWith('image/') ? h('img', { src: url, alt: '' }) : h('video', { src: url, controls: true, width: 240 });
        const alt = mediaEntry({ mediaId: uploaded.id, altText: '', depicts: { staffIds: [], serviceUsers: false, public: false }, label: file.name }, preview);
        uploadStatus.replaceChildren(notice(`${file.name} attached. Now say who it shows and on what rights you use it.`));
        fileInput.value = '';
        // The file input was disabled during the upload, which drops focus to the page: bring it to the next thing to fill in.
        alt.focus();
        scheduleCheck();
      } catch (error) {
        uploadStatus.replaceChildren();
        throw error;
      }
    });
  });

  const account = () => accounts.find((a) => a.id === accountSelect.value);
  function content() {
    const body = { text: text.value };
    if (titleInput.value.trim()) body.title = titleInput.value.trim();
    if (linkInput.value.trim()) body.link = linkInput.value.trim();
    body.media = media.map((m) => m.read());
    return body;
  }

  function renderCounters() {
    const a = account();
    titleField.hidden = !a || a.platform !== 'youtube';
    clear(counters);
    for (const limit of limitsFor(platforms, a && a.platform, { text: text.value, title: titleInput.value })) {
      const left = limit.max - limit.used;
      counters.append(h('li', { class: `counter${left < 0 ? ' over' : ''}` }, `${limit.label}: ${left < 0 ? `${-left} ${limit.unit} over the limit` : `${left} ${limit.unit} left`} (of ${limit.max})`));
    }
  }

  let checkTimer = null;
  let checkSeq = 0;
  function scheduleCheck() {
    renderCounters();
    clearTimeout(checkTimer);
    checkTimer = setTimeout(runCheck, 350);
  }
  async function runCheck() {
    const seq = ++checkSeq;
    const a = account();
    if (!a) return;
    try {
      const result = await post('content-checks', { accountId: a.id, ...content() });
      if (seq === checkSeq) showFindings(result.findings, text.value);
    } catch (error) {
      if (seq === checkSeq && error.status !== 401) {
        findingsBox.replaceChildren();
        showError(findingsBox, error, { focus: false });
      }
    }
  }
  function showFindings(findings, value) {
    const spans = findings.filter((f) => typeof f.start === 'number' && typeof f.end === 'number' && f.end > f.start).sort((a, b) => a.start - b.start);
    clear(highlighted);
    let at = 0;
    for (const f of spans) {
      if (f.start < at) continue;
      highlighted.append(value.slice(at, f.start), h('mark', { class: f.severity, title: f.message }, value.slice(f.start, f.end)));
      at = f.end;
    }
    highlighted.append(value.slice(at));
    findingsBox.replaceChildren(...findingsPanels(findings, value));
  }
  /** Blocking findings and warnings in separate lists: a warning never reads as if it stopped the post. */
  function findingsPanels(findings, value) {
    if (!findings.length) return [notice('No problems found.')];
    const item = (f) => h('li', { class: f.severity }, f.message, typeof f.start === 'number' ? ` (“${value.slice(f.start, f.end)}”)` : '');
    const blocking = findings.filter((f) => f.severity === 'block');
    const warnings = findings.filter((f) => f.severity !== 'block');
    return [
      blocking.length ? h('div', { class: 'error-summary' },
        h('h2', {}, `${blocking.length} problem${blocking.length === 1 ? '' : 's'} must be fixed before you can submit`),
        h('ul', { class: 'findings', 'aria-label': 'Must be fixed' }, blocking.map(item))) : null,
      warnings.length ? h('div', { class: 'warning' }, h('h2', {}, `Check ${warnings.length === 1 ? 'this' : 'these'} before you submit (${warnings.length === 1 ? 'it does' : 'they do'} not stop the post)`),
        h('ul', { class: 'findings', 'aria-label': 'Warnings' }, warnings.map(item))) : null,
    ].filter(Boolean);
  }

  let currentId = draft ? draft.id : null;
  const form = h('form', { novalidate: true },
    field('Account', accountSelect, editing ? 'A post stays on the account it was written for.' : null),
    titleField,
    field('Text', text, 'Checked as you type for personal details, protected names and platform limits.'),
    counters,
    h('div', { class: 'field' }, h('p', { class: 'label', id: 'hl-label' }, 'What the checks found in your text'), highlighted),
    findingsBox,
    field('Link (optional)', linkInput),
    h('h2', {}, 'Photos and videos'), mediaBox, field('Attach a photo or video', fileInput, `JPEG or PNG up to ${megabytes(platforms.uploads.imageMaxBytes)}; MP4 or QuickTime video up to ${megabytes(platforms.uploads.videoMaxBytes)}.`), uploadStatus,
    field('Publish at (optional)', scheduled, 'Leave empty to publish as soon as it is approved.'),
    h('div', { class: 'inline-actions' },
      h('button', { type: 'submit', name: 'intent', value: 'save' }, editing ? 'Save changes' : 'Save draft'),
      h('button', { type: 'submit', name: 'intent', value: 'submit', class: 'secondary' }, editing ? 'Save and submit for approval' : 'Save and submit for approval')));

  form.addEventListener('input', (event) => {
    if (!mediaBox.contains(event.target)) scheduleCheck();
  });
  accountSelect.addEventListener('change', scheduleCheck);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const intent = event.submitter && event.submitter.value;
    act(form, event.submitter, async () => {
      const body = content();
      const when = localToIso(scheduled.value);
      let saved;
      if (currentId) {
        body.title = titleInput.value.trim() || null;
        body.link = linkInput.value.trim() || null;
        body.scheduledFor = when || null;
        saved = await patch(`drafts/${currentId}`, body);
      } else {
        if (when) body.scheduledFor = when;
        saved = await post('drafts', { accountId: accountSelect.value, ...body });
        // From here on this page edits the saved draft, so a second try does not create another.
        currentId = saved.id;
        accountSelect.disabled = true;
        history.replaceState(null, '', `/drafts/${saved.id}/edit`);
        heading.textContent = 'Edit post';
        document.title = 'Edit post – Gatehouse';
      }
      if (intent === 'submit') {
        try {
          await post(`drafts/${saved.id}/submit`);
        } catch (error) {
          // The draft is saved; the person carries on editing it with the refusal shown.
          announce('Your draft is saved but was not submitted.');
          if (error.code !== 'CONTENT_CHECK_FAILED' || !Array.isArray(error.details)) throw error;
          // The summary at the top lists only what blocks; the warnings stay apart, in the findings below.
          checkSeq++;
          findingsBox.replaceChildren(...findingsPanels(error.details, text.value));
          throw Object.assign(error, { message: `Your draft is saved, but not submitted. ${error.message}`, details: error.details.filter((f) => f.severity === 'block') });
        }
      }
      await navigate(`/drafts/${saved.id}`);
    });
  });

  root.append(form);
  renderCounters();
  if (text.value || media.length) runCheck();
}

/** The manager's comment the author is answering: the last request for changes, unless submitted again since. */
function requestedChanges(events) {
  let found = null;
  for (const e of events) {
    if (e.action === 'changes_requested' && e.details && e.details.comment) found = e;
    else if (e.action === 'submitted') found = null;
  }
  return found;
}

function toLocal(iso) {
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
