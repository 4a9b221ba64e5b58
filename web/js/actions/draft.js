// How each draft action the server may allow is offered (API.md sections 9-11, 17). The keys are the
// server's action names; the server alone decides which apply (`allowedActions`).
// Places: "page" (the post's page), "queue" (approval queue cards), "attention" ("Needs attention"
// cards), "removal" (the post page's "Something wrong with this post?" section), "editor" (the editor
// opens only for a post that may be edited).
import { post } from '../api.js';
import { fmtTime, input, localToIso, textarea } from '../dom.js';

const approved = (result) => (result.status === 'submitted' ? 'Approved: it needs another manager’s approval too.'
  : result.status === 'scheduled' ? `Approved: it will publish on ${fmtTime(result.scheduledFor)}.` : 'Approved: it is being published now.');

const REMOVAL_OUTCOMES = {
  taken_down: 'The post was taken down.',
  takedown_pending: 'The platform has no delete: a manager has been given a task to remove it by hand, today.',
  consent_withdrawn: 'Your consent is now refused: the post will not be published with you in it.',
};

const shows = (draft, me) => Boolean(me) && draft.revision.media.some((m) => m.depicts.staffIds.includes(me.id));

export const DRAFT_ACTIONS = {
  edit: {
    label: (d) => (d.status === 'changes_requested' ? 'Edit: make the requested changes' : 'Edit'),
    style: (d) => (d.status === 'changes_requested' ? null : 'secondary'),
    href: (d) => `/drafts/${d.id}/edit`,
    alsoOn: ['editor'],
  },
  submit: { label: 'Submit for approval', run: (d) => post(`drafts/${d.id}/submit`), done: () => 'Submitted for approval.' },
  approve: [
    // One click approves at the time the author chose, else now; choosing another time is the folded form.
    { label: 'Approve', alsoOn: ['queue'], run: (d) => post(`drafts/${d.id}/approve`, { revisionId: d.revision.id }), done: approved },
    {
      label: 'Approve for a time…', style: 'secondary', alsoOn: ['queue'], title: 'Approve for a time', submit: 'Approve for this time',
      fields: () => [['Publish at', input('scheduledFor', { type: 'datetime-local', required: true })]],
      run: (d, f) => post(`drafts/${d.id}/approve`, { revisionId: d.revision.id, ...(f.scheduledFor.value ? { scheduledFor: localToIso(f.scheduledFor.value) } : {}) }),
      done: approved,
    },
  ],
  request_changes: {
    label: 'Ask for changes…', style: 'secondary', alsoOn: ['queue'], title: 'Request changes', submit: 'Request changes',
    fields: () => [['What needs to change', textarea('comment', { rows: 2 })]],
    run: (d, f) => post(`drafts/${d.id}/request-changes`, { comment: f.comment.value.trim() }),
    done: () => 'Changes requested: the author has been asked to make them.',
  },
  reject: {
    label: 'Reject…', style: 'secondary', alsoOn: ['queue'], title: 'Reject', submit: 'Reject the post', danger: true,
    fields: () => [['Reason', textarea('reason', { rows: 2 })]],
    run: (d, f) => post(`drafts/${d.id}/reject`, { reason: f.reason.value.trim() }),
    done: () => 'Rejected.',
  },
  confirm: { label: 'Confirm: publish as planned', alsoOn: ['attention'], run: (d) => post(`drafts/${d.id}/confirm`), done: () => 'Confirmed.' },
  retry: { label: 'Retry publishing', alsoOn: ['attention'], run: (d) => post(`drafts/${d.id}/retry`), done: () => 'Publishing again.' },
  reconcile: [
    {
      label: 'It was published…', alsoOn: ['attention'], title: 'It was published', submit: 'Mark as published',
      fields: () => [['Post id on the platform', input('externalId')], ['Link (optional)', input('url', { type: 'url' })]],
      run: (d, f) => post(`drafts/${d.id}/reconcile`, { outcome: 'published', externalId: f.externalId.value.trim(), ...(f.url.value.trim() ? { url: f.url.value.trim() } : {}) }),
      done: () => 'Marked as published.',
    },
    {
      label: 'It was not published…', style: 'secondary', alsoOn: ['attention'], title: 'It was not published', submit: 'Mark as not published',
      fields: () => [],
      run: (d) => post(`drafts/${d.id}/reconcile`, { outcome: 'not_published' }),
      done: () => 'Marked as not published; you can retry it.',
    },
  ],
  take_down: {
    label: 'Take down…', style: 'danger', alsoOn: ['attention'], title: 'Take down', submit: 'Take the post down', danger: true,
    fields: () => [['Reason', textarea('reason', { rows: 2 })]],
    run: (d, f) => post(`drafts/${d.id}/take-down`, { reason: f.reason.value.trim() }),
    done: () => 'Taken down.',
  },
  withdraw: {
    label: 'Withdraw', style: 'danger', alsoOn: ['attention'], confirm: 'Withdraw this post? It will not be published.',
    run: (d) => post(`drafts/${d.id}/withdraw`), done: () => 'Withdrawn.',
  },
  request_removal: {
    label: 'Ask for this to be removed', place: 'removal', open: true, danger: true, title: 'Ask for this to be removed',
    fields: (d, ctx) => [['Why (the Registered Manager sees this)', textarea('reason', { rows: 3 }),
      shows(d, ctx.me) ? 'You are shown in this post. A published post comes down straight away, with no approval needed.' : 'A published post comes down straight away.']],
    run: (d, f) => post(`drafts/${d.id}/removal-requests`, { reason: f.elements.reason.value.trim() }),
    done: (request) => REMOVAL_OUTCOMES[request.outcome],
  },
};
