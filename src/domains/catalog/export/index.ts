/** Catalog export: the standard .xlsx layout (re-importable) and a printable A4 landscape PDF. */
export { exportCatalogXlsx } from './xlsx.ts';
export { exportCatalogPdf } from './printPdf.ts';
