import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterFlag } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { saveBlob } from '../../lib/download';
import { useSettings } from '../../lib/settings-context';
import { useLoad } from '../../lib/use-load';
import { registersHref } from './RegistersSection';

const SHOWN_FLAGS: readonly RegisterFlag['kind'][] = ['pointUndefended', 'pointUndefendedWithReason', 'deviceNotInInventory'];
const ZOOMS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2];
/** PNG at about 300 dpi across an A4 page (2480 px), at least twice the drawing's size, within what a canvas holds. */
const A4_300DPI = 2480;

function pngScale(width: number, height: number): number {
  return Math.max(0.1, Math.min(Math.max(2, A4_300DPI / width), 16_000 / Math.max(width, height), Math.sqrt(120e6 / (width * height))));
}

/**
 * The network diagram (6-2-2, 6-2-3): the SVG core draws, shown as an image
 * from a blob: URL (never as markup in the page), fitted to the width or
 * zoomed, saved as SVG or as a PNG drawn on a canvas here.
 */
export function DiagramPage({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [diagram] = useLoad(() => api.registers.diagram({ siteId, language: settings.language }), [siteId, settings.language]);
  const [registers] = useLoad(() => api.registers.get({ siteId }), [siteId]);
  const [url, setUrl] = useState<string | null>(null);
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const image = useRef<HTMLImageElement>(null);

  const svg = diagram.state === 'ready' ? diagram.data.svg : null;
  useEffect(() => {
    if (!svg) return;
    const next = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [svg]);

  const fileName = t('registers.diagram.fileName');
  const savePng = () => {
    const img = image.current;
    if (!img || !natural) return;
    const scale = pngScale(natural.width, natural.height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(natural.width * scale);
    canvas.height = Math.round(natural.height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => blob && saveBlob(blob, `${fileName}.png`), 'image/png');
  };
  const step = (dir: 1 | -1) => {
    const current = zoom === 'fit' ? (natural && image.current ? image.current.clientWidth / natural.width : 1) : zoom;
    const next = dir > 0 ? ZOOMS.find((z) => z > current + 0.01) : [...ZOOMS].reverse().find((z) => z < current - 0.01);
    setZoom(next ?? (dir > 0 ? ZOOMS.at(-1)! : ZOOMS[0]!));
  };
  const flags = registers.state === 'ready' ? registers.data.flags.filter((f) => SHOWN_FLAGS.includes(f.kind)) : [];

  return (
    <section aria-labelledby="registers-heading" className="diagram-page">
      <div className="page-header">
        <h1 id="registers-heading">{t('registers.diagram.title')}</h1>
        <div className="actions">
          <button type="button" className="button" disabled={!svg} onClick={() => svg && saveBlob(new Blob([svg], { type: 'image/svg+xml' }), `${fileName}.svg`)}>
            {t('registers.diagram.saveSvg')}
          </button>
          <button type="button" className="button" disabled={!natural} onClick={savePng}>
            {t('registers.diagram.savePng')}
          </button>
        </div>
      </div>
      <p className="diagram-intro">{t('registers.diagram.intro')}</p>

      <ul className="diagram-legend" aria-label={t('registers.diagram.svg.legend')}>
        {(['defended', 'reasoned', 'undefended'] as const).map((state) => (
          <li key={state}>
            <span className={`diagram-key diagram-key-${state}`} aria-hidden="true" />
            {t(`registers.diagram.svg.${state}`)}
          </li>
        ))}
        <li>
          <span className="diagram-key diagram-key-missing" aria-hidden="true" />
          {t('registers.diagram.svg.missing')}
        </li>
      </ul>

      <section className="diagram-flags" aria-labelledby="diagram-flags-heading">
        <h2 id="diagram-flags-heading">{t('registers.diagram.flagsTitle')}</h2>
        {registers.state === 'error' && <ErrorMessage error={registers.error} />}
        {registers.state === 'ready' &&
          (flags.length === 0 ? (
            <p className="empty">{t('registers.diagram.noFlags')}</p>
          ) : (
            <ul>
              {flags.map((f, i) => (
                <li key={i} className={`diagram-flag diagram-flag-${f.kind}`}>
                  {t(`registers.flags.${f.kind}`, f.params)}
                </li>
              ))}
            </ul>
          ))}
        <a href={registersHref(siteId, 'points')}>{t('registers.diagram.editPoints')}</a>
      </section>

      <div className="toolbar diagram-zoom" role="group" aria-label={t('registers.diagram.zoomLevel', { percent: zoom === 'fit' ? '—' : Math.round(zoom * 100) })}>
        <button type="button" className="button" aria-pressed={zoom === 'fit'} onClick={() => setZoom('fit')}>
          {t('registers.diagram.zoomFit')}
        </button>
        <button type="button" className="button" onClick={() => step(-1)}>
          {t('registers.diagram.zoomOut')}
        </button>
        <button type="button" className="button" onClick={() => step(1)}>
          {t('registers.diagram.zoomIn')}
        </button>
        <button type="button" className="button" aria-pressed={zoom === 1} onClick={() => setZoom(1)}>
          {t('registers.diagram.zoomActual')}
        </button>
      </div>

      {diagram.state === 'loading' && <p>{t('registers.diagram.loading')}</p>}
      {diagram.state === 'error' && <ErrorMessage error={diagram.error} />}
      {url && (
        <div className="diagram-frame">
          <img
            ref={image}
            src={url}
            alt={t('registers.diagram.imageAlt')}
            data-testid="network-diagram"
            style={zoom === 'fit' || !natural ? { width: '100%' } : { width: natural.width * zoom, maxWidth: 'none' }}
            onLoad={(e) => setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
          />
        </div>
      )}
    </section>
  );
}
