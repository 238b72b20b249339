import { formatDate } from '../../../lib/format';

/** Typed text as the bulletin's paragraphs: one per line, blank lines dropped. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The article as it will be printed: title centred, paragraphs indented two characters, a serif face. */
export function ArticlePreview({ title, onDate, paragraphs }: { title: string; onDate: string | null; paragraphs: readonly string[] }) {
  return (
    <article className="ws-art-paper" data-testid="article-preview">
      <h2 className="ws-art-paper__title">{title.trim() || <span className="ws-art-paper__empty">（标题）</span>}</h2>
      {onDate && <div className="ws-art-paper__date">{formatDate(onDate)}</div>}
      <div className="ws-art-paper__body">
        {paragraphs.length ? paragraphs.map((p, i) => <p key={i}>{p}</p>) : <p className="ws-art-paper__empty">（正文）</p>}
      </div>
    </article>
  );
}
