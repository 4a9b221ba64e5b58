import { ContentRule } from '../content-rule';
import { ContentUnderCheck, Finding } from '../finding';

export class RightsUndeclaredRule implements ContentRule {
  readonly name = 'RIGHTS_UNDECLARED';
  readonly severity = 'block';

  check(content: ContentUnderCheck): Finding[] {
    return content.media.flatMap((item, index) =>
      item.rights
        ? []
        : [
            {
              rule: this.name,
              severity: this.severity,
              message: `Say whose media item ${index + 1} is: our own, licensed, or used with permission. Respect copyright.`,
            },
          ],
    );
  }
}
