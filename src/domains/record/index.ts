// Public surface of the record domain; other domains import from here (or the files named here).
export type { PublicRecordView, PublicRecordSummary, PublicTable, PublicAttachment, PublicCorrection, ColumnType } from './publicView.ts';
export { itemRecords, itemSummaries, recentRecords, recentSummaries, residentRecords, publishedBetween, recordPage, recordChannels, type RecordPageData } from './readRecords.ts';
export { loadDemoRecords } from './demo.ts';
export { publishDemoHistory } from './demoHistory.ts';
export { maskText, maskTextKept } from './privacy/index.ts';
export { loadRecord } from './access.ts';
export { inspectAttachment, UPLOAD_TOO_BIG, type InspectedFile } from './draftFiles.ts';
export { privacyScanCommand } from './privacy/scanFile.ts';
export { findRecordByPublicId } from './repository.ts';
// View parts the portal composes with the catalog.
export { RecentRecords } from './pages/RecentRecords.tsx';
export { ItemRecords } from './pages/ItemRecords.tsx';
export { recordTodos } from './todos.ts';
