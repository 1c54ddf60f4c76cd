/**
 * WCAG 2 contrast of colours as the browser computed them (`getComputedStyle`'s `rgb(…)` and `rgba(…)`), for the
 * specs that measure what axe cannot: text over layers it does not see through (an editor's drawn selection).
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** `rgb(1, 2, 3)` or `rgba(1, 2, 3, 0.5)`; anything else (a keyword, a gradient) is a test's mistake and throws. */
export function parseCssColor(css: string): Rgba {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)$/.exec(css.trim());
  if (!m) throw new Error(`not a computed rgb() colour: ${css}`);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: m[4] === undefined ? 1 : Number(m[4]) };
}

/** `layers`, bottom first, painted over one another: the colour a person sees (the bottom one must be opaque). */
export function composite(layers: Rgba[]): Rgba {
  const [bottom, ...rest] = layers;
  if (!bottom || bottom.a < 1) throw new Error('the bottom layer must be opaque');
  return rest.reduce((under, over) => ({
    r: under.r * (1 - over.a) + over.r * over.a,
    g: under.g * (1 - over.a) + over.g * over.a,
    b: under.b * (1 - over.a) + over.b * over.a,
    a: 1,
  }), bottom);
}

function luminance({ r, g, b }: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2's contrast ratio of two opaque colours (1 to 21). */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
