// Public surface of the record domain; other domains import from here (or the files named here).
export type { PublicRecordView, PublicTable, PublicAttachment, PublicCorrection, ColumnType } from './publicView.ts';
export { itemRecords, recentRecords, recordPage, publicAttachment, presentAll, type RecordPageData } from './readRecords.ts';
export { searchRecords, type SearchResult } from './search.ts';
export { recordRoutes } from './routes.ts';
export { loadDemoRecords } from './demo.ts';
export { scanText, maskText, maskValue, extractText, scanFile } from './privacy/index.ts';
