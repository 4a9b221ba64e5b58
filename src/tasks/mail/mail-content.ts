/** What a mail says: a subject, a few plain lines and one link. Never post text, names, tokens or passwords. */
export interface MailContent {
  subject: string;
  lines: string[];
  link: string;
  linkLabel: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderText(content: MailContent): string {
  return [...content.lines, '', `${content.linkLabel}: ${content.link}`, '', '-- ', 'Gatehouse. You can change how often you get these emails on your page in Gatehouse.'].join('\n');
}

export function renderHtml(content: MailContent): string {
  const paragraphs = content.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body>
${paragraphs}
<p><a href="${escapeHtml(content.link)}">${escapeHtml(content.linkLabel)}</a></p>
<p style="color:#555">Gatehouse. You can change how often you get these emails on your page in Gatehouse.</p>
</body></html>`;
}

/** Lines of a digest: one per thing, each with its link. */
export function digestContent(items: { title: string; link: string }[], homeLink: string): MailContent {
  return {
    subject: items.length === 1 ? 'Gatehouse: 1 thing for you today' : `Gatehouse: ${items.length} things for you today`,
    lines: ['Since your last summary:', ...items.map((item) => `- ${item.title}: ${item.link}`)],
    link: homeLink,
    linkLabel: 'Open your to-do list',
  };
}
