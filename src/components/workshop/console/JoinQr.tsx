import { useMemo } from 'react';
import { encode } from 'uqr';

/**
 * The join link as a QR code, drawn as SVG rectangles from uqr's module matrix: no markup
 * strings, no inline script, so it passes the page's CSP and scales on a projector.
 */
export function JoinQr({ url }: { url: string }) {
  const { size, path } = useMemo(() => {
    const { data, size } = encode(url, { ecc: 'M', border: 2 });
    let d = '';
    data.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x} ${y}h1v1h-1z`)));
    return { size, path: d };
  }, [url]);
  return (
    <svg className="join-qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={`QR code of the join link ${url}`} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
