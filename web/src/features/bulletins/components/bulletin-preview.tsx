import { useEffect, useRef, useState } from 'react';
import { renderUrl } from '../api/bulletins-api';

/** The preview page lays out an A4 sheet (210 mm ≈ 794 px) with a margin: this width shows it whole. */
const PAGE_WIDTH = 840;
const HEIGHT = 1100;

/**
 * The issue as the server lays it out (the same HTML the PDF is printed from), scaled down to fit
 * its column so the page is seen whole; scrolls inside. `version` reloads it after a save.
 */
export function BulletinPreview({ id, version, title }: { id: number; version: number; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // a hidden column measures 0: keep the last scale until it has a width
    const fit = () => el.clientWidth > 0 && setScale(Math.min(1, el.clientWidth / PAGE_WIDTH));
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // a phone shows the page small: a shorter window then, rather than a long empty grey box
  const height = Math.max(520, Math.round(HEIGHT * Math.min(1, scale / 0.75)));

  return (
    <div ref={box} className="ws-bul-preview" style={{ height }}>
      <iframe
        key={version}
        data-testid="bulletin-preview"
        title={title}
        src={renderUrl(id, 'html', version)}
        style={{ width: PAGE_WIDTH, height: height / scale, transform: `scale(${scale})` }}
      />
    </div>
  );
}
