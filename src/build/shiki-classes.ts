import type { ShikiTransformer } from 'shiki';

/**
 * Build-time Shiki transformer for every highlighted block (lesson code fences and the code
 * panels beside demos):
 *
 * - Size: Shiki writes each token's colours as an inline style, and a lesson repeats the same
 *   few styles thousands of times. Each distinct style becomes one short class, and the block
 *   carries one rule per class.
 * - Contrast: some theme colours (github-light's orange, #E36209) fall below WCAG AA's 4.5:1
 *   on our code background. Such colours are darkened (light theme) or lightened (dark theme)
 *   just enough to pass, so axe and Lighthouse find nothing to flag.
 */

// The code panel backgrounds in src/styles/global.css (--surface in light and dark mode).
const LIGHT_BG = '#ffffff';
const DARK_BG = '#1e1d18';
const TARGET = 4.6; // a little above 4.5, so rounding never lands below AA

export function shikiClasses(): ShikiTransformer {
  const rules = new Map<string, string>();
  return {
    name: 'kvlab:style-to-class',
    pre(node) {
      this.addClassToHast(node, 'astro-code'); // one set of code styles for every block
    },
    span(node) {
      const style = node.properties.style;
      if (typeof style !== 'string') return;
      const readable = accessibleStyle(style);
      let name = rules.get(readable);
      if (!name) rules.set(readable, (name = `k${hash(readable)}`));
      delete node.properties.style;
      this.addClassToHast(node, name);
    },
    root(root) {
      const css = [...rules].map(([style, name]) => `.${name}{${style}}`).join('');
      root.children.push({ type: 'element', tagName: 'style', properties: {}, children: [{ type: 'text', value: css }] });
    },
  };
}

function accessibleStyle(style: string): string {
  return style
    .replace(/(^|;)\s*color:\s*(#[0-9a-f]{6})/i, (_, sep, hex) => `${sep}color:${readableOn(hex, LIGHT_BG)}`)
    .replace(/--shiki-dark:\s*(#[0-9a-f]{6})/i, (_, hex) => `--shiki-dark:${readableOn(hex, DARK_BG)}`);
}

/** `hex` moved toward black or white (away from `bg`) until it reaches the target contrast. */
export function readableOn(hex: string, bg: string): string {
  const towards = luminance(bg) > 0.5 ? 0 : 255;
  let rgb = parse(hex);
  for (let step = 0; step < 40 && contrast(rgb, parse(bg)) < TARGET; step++) {
    rgb = rgb.map((c) => Math.round(c + (towards - c) * 0.06)) as [number, number, number];
  }
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

const parse = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
function luminance(color: string | [number, number, number]) {
  const [r, g, b] = (typeof color === 'string' ? parse(color) : color).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: [number, number, number], b: [number, number, number]) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
function hash(text: string) {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) >>> 0;
  return h.toString(36);
}
