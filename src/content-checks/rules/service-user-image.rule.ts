import { ContentRule } from '../content-rule';
import { ContentUnderCheck, Finding } from '../finding';

export class ServiceUserImageRule implements ContentRule {
  readonly name = 'SERVICE_USER_IMAGE';
  readonly severity = 'block';

  check(content: ContentUnderCheck): Finding[] {
    return content.media.flatMap((item, index) =>
      item.depicts.serviceUsers
        ? [{ rule: this.name, severity: this.severity, message: `Media item ${index + 1} shows people the service supports. Never post pictures of service users: remove it.` }]
        : [],
    );
  }
}
