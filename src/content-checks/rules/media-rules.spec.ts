import { ContentUnderCheck } from '../finding';
import { RightsUndeclaredRule } from './rights-undeclared.rule';
import { ServiceUserImageRule } from './service-user-image.rule';

const item = (fields: Partial<ContentUnderCheck['media'][number]> = {}): ContentUnderCheck['media'][number] => ({
  mimeType: 'image/jpeg',
  depicts: { staffIds: [], serviceUsers: false, public: false },
  rights: 'own',
  ...fields,
});
const post = (media: ContentUnderCheck['media']): ContentUnderCheck => ({ platform: 'facebook', text: 'Our fair', media });

describe('SERVICE_USER_IMAGE', () => {
  it('blocks each media item depicting service users, naming it', () => {
    const media = [item(), item({ depicts: { staffIds: [], serviceUsers: true, public: true } })];
    expect(new ServiceUserImageRule().check(post(media))).toEqual([
      { rule: 'SERVICE_USER_IMAGE', severity: 'block', message: expect.stringMatching(/^Media item 2 shows people the service supports/) },
    ]);
  });

  it('passes media showing only staff or the public', () => {
    expect(new ServiceUserImageRule().check(post([item({ depicts: { staffIds: ['a'], serviceUsers: false, public: true } })]))).toEqual([]);
  });
});

describe('RIGHTS_UNDECLARED', () => {
  it('blocks media without rights (missing or null), and passes declared rights', () => {
    const media = [item({ rights: 'licensed' }), item({ rights: null }), item({ rights: undefined }), item({ rights: 'permission' })];
    expect(new RightsUndeclaredRule().check(post(media))).toEqual([
      { rule: 'RIGHTS_UNDECLARED', severity: 'block', message: expect.stringContaining('media item 2') },
      { rule: 'RIGHTS_UNDECLARED', severity: 'block', message: expect.stringContaining('media item 3') },
    ]);
  });
});
