/**
 * Markdown of the partner agreement, rendered by markdown-it with raw HTML off (`html: false`: any tag in the text
 * is shown as text) and links limited to http(s) and mail by markdown-it's own link validation.
 */
import MarkdownIt from 'markdown-it';
import { useMemo } from 'react';

const renderer = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderer.render(text), [text]);
  // Safe: markdown-it escapes every character of the source that is not Markdown syntax; raw HTML is disabled.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it output with html:false
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
