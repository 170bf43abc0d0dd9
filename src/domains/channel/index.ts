/**
 * Public surface of the channel domain (screens, printed sheets, feeds, pushes, subscriptions,
 * proof of posting); other domains import from here only.
 *
 * - channelRoutes(deps) (routes.ts) and channelJobs(deps) (jobs.ts): registered by the app.
 * - evidenceForRecords(deps, viewer, ids): for dashboards — per record, which of the channels its
 *   item requires have proof of posting (staff photo/note, screen play log, robot delivery,
 *   subscriber mail); `complete` is true only when every required channel has some. `ids` are
 *   the record domain's numeric ids (as compliance keeps them).
 * - addProof: file proof of posting (tests and demo data).
 * - channelGaps(deps, org, itemKey, requiredChannels): the required channels with no destination
 *   (no screen, item off the playlist, no group robot, no subscriber), for the record page's warning.
 * - printDocument(document): a plain A4 PDF (masthead, headings, paragraphs, tables, signature)
 *   rendered in the worker pool like the sheets; used for the annual report and reply letters.
 */
export { runPushes, PUSH_JOB, STAFF_GROUP_JOB } from './jobs.ts';
export { deliverGroupNotices } from './push/staffGroup.ts';
export { evidenceFor, type RecordEvidence, type ChannelEvidence, type Evidence } from './proof/evidence.ts';
export { evidenceForRecords } from './proof/recordEvidence.ts';
export { loadChannelDemo } from './demo.ts';
export { addProof } from './proof/proofs.ts';
export { channelGaps, type ChannelGap } from './destinations.ts';
export { printDocument } from './sheet/print.ts';
export type { PrintDocument, PrintBlock } from './sheet/renderDocument.ts';
export { subscriptionsOfResident, type ResidentSubscription } from './subscription/subscriptions.ts';
