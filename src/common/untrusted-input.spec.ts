import { findInputProblem, MAX_INPUT_DEPTH } from './untrusted-input';

describe('findInputProblem', () => {
  it('names the field holding a NUL byte or a lone surrogate, however deep', () => {
    expect(findInputProblem({ email: 'a\u0000b' }, '')).toEqual({ field: 'email', problem: 'contains a NUL character' });
    expect(findInputProblem({ media: [{ altText: 'ok' }, { altText: 'x\ud800' }] }, '')?.field).toBe('media.1.altText');
    expect(findInputProblem({ tail: 'x\udc00' }, '')?.field).toBe('tail');
    expect(findInputProblem('\ud83d', 'filter')?.field).toBe('filter');
    expect(findInputProblem({ 'na\u0000me': 1 }, '')?.field).toBe('na\u0000me');
  });

  it('lets well-formed text through, astral characters and surrogate pairs included', () => {
    expect(findInputProblem({ text: 'Ada \u{1F600} Lovelace, 名前', list: ['\ud83d\ude00', 1, true, null] }, '')).toBeNull();
  });

  it('refuses nesting past the limit without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findInputProblem({ a: deep }, '')?.problem).toMatch(/nested more than/);
    let fine: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) fine = { a: fine };
    expect(findInputProblem(fine, '')).toBeNull();
  });
});
