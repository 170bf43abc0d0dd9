/** Screen sizes in CSS pixels, and the type sizes that read from three metres away. */
export type Orientation = 'landscape' | 'portrait';

export interface Geometry {
  width: number;
  height: number;
  padX: number;
  padY: number;
  header: number;
  footer: number;
  /** px */
  title: number;
  body: number;
  table: number;
  lineHeight: number;
  tableLineHeight: number;
  cellPadY: number;
  cellPadX: number;
}

/**
 * On a 55-inch 1920×1080 panel one CSS pixel is about 0.63 mm; a 44 px character is about 28 mm
 * tall, which the rule of thumb for signage (25 mm of letter height per 3 m) asks for.
 */
export const GEOMETRY: Record<Orientation, Geometry> = {
  landscape: { width: 1920, height: 1080, padX: 64, padY: 24, header: 100, footer: 150, title: 58, body: 44, table: 36, lineHeight: 1.5, tableLineHeight: 1.3, cellPadY: 8, cellPadX: 12 },
  portrait: { width: 1080, height: 1920, padX: 48, padY: 32, header: 120, footer: 170, title: 54, body: 44, table: 32, lineHeight: 1.5, tableLineHeight: 1.3, cellPadY: 8, cellPadX: 10 },
};

export function contentBox(g: Geometry): { width: number; height: number } {
  return { width: g.width - 2 * g.padX, height: g.height - g.header - g.footer - 2 * g.padY };
}
