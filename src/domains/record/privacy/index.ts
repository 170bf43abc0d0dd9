/** Public surface of the privacy scanner: what other domains and the CLI may call. */
export type { Finding, FindingKind } from './types.ts';
export type { DocumentKind, FileInput } from './extractText.ts';
export { scanText } from './scanText.ts';
export { maskHtml, maskText, maskTextKept, maskValue, type MaskOptions } from './mask.ts';
export { phoneKey, publicPhoneSet } from './publicPhones.ts';
export type { ScanOptions } from './scanText.ts';
export { extractText } from './extractText.ts';
export { privacyScanCommand, scanFile } from './scanFile.ts';
