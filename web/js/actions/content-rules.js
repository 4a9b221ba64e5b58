// How each content-rules action the server may allow is offered (API.md sections 18, 19). The rules have
// one action, `edit`, for every list; the page draws the lists' own editors and asks here only whether
// `edit` is offered, so nobody's role is read in the browser.
import { offersAt } from './render.js';

export const CONTENT_RULES_ACTIONS = {
  edit: { place: 'lists', label: 'Save' },
};

/** Whether the server lets the caller change the lists now. */
export const mayEditRules = (rules) => offersAt(CONTENT_RULES_ACTIONS, rules, 'lists').length > 0;
