/** The steps the workday and notice tests drive, from the domains that own them. */
export { submitRecord } from '../../src/domains/record/submitRecord.ts';
export { approveRecord, returnRecord } from '../../src/domains/record/reviewRecord.ts';
export { saveDraft } from '../../src/domains/record/saveDraft.ts';
export { saveReminderEmail } from '../../src/domains/compliance/notifications.ts';
export { saveStaffGroup } from '../../src/domains/channel/push/staffGroup.ts';
