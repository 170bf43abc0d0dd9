/**
 * Shared by the line-based readers (cell-lines, paragraphs): check marks written on lines of
 * their own. A lone □ or √ belongs to the text on the next line (■ / 政府网站), and a run of
 * marked lines (■政府网站 / □微信群) is one 公开渠道 cell, not one cell per channel.
 */
const MARK_ONLY = /^[√✓✔■□☑☐☒▣●○]$/;
const MARKED = /^[■□☑☐☒▣]/;

export interface TextLine {
  text: string;
  line: number;
}

export function joinMarkLines(lines: TextLine[]): TextLine[] {
  const result: TextLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const current = lines[i]!;
    const next = lines[i + 1];
    const last = result.at(-1);
    if (/^[■□☑☐☒▣]$/.test(current.text) && next && !MARK_ONLY.test(next.text) && !/^\d+$/.test(next.text)) {
      // ■ / 政府网站: the mark and its channel name, joined to the channels just above.
      const joined = `${current.text}${next.text}`;
      if (last && MARKED.test(last.text)) last.text += ` ${joined}`;
      else result.push({ text: joined, line: current.line });
      i++;
    } else if (MARKED.test(current.text) && last && MARKED.test(last.text)) {
      last.text += ` ${current.text}`;
    } else {
      result.push({ ...current });
    }
  }
  return result;
}

/** Lines of a text, numbered from 1, trimmed. */
export function numberedLines(text: string): TextLine[] {
  return text.split(/\r?\n/).map((content, i) => ({ text: content.trim(), line: i + 1 }));
}
