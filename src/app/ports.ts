/*
 * Where a lower domain's page needs a higher domain's answer, the lower one names what it needs
 * (a port) and the app plugs the higher domain in here. The floors stay one-way.
 */
import { channelGaps, evidenceForRecords } from '../domains/channel/index.ts';
import { ensureCalendarCurrent, type CompliancePorts } from '../domains/compliance/index.ts';
import type { CalendarPorts } from '../domains/calendar/index.ts';
import type { OrgPorts } from '../domains/org/routes.ts';
import type { RecordPorts } from '../domains/record/routes.ts';
import { h } from 'preact';
import { WorkdayTodos } from './workday/WorkdayTodos.tsx';

export const ports: { calendar: CalendarPorts; compliance: CompliancePorts; org: OrgPorts; record: RecordPorts } = {
  // A calendar correction moves every due date it touches, each with its reason.
  calendar: { afterCalendarChange: async (deps, actor) => (await ensureCalendarCurrent(deps, actor)).moved },
  // A record counts as fully disclosed only when every channel its item requires has evidence.
  compliance: { evidenceForRecords },
  // The staff home lists each role's to-dos, computed once per request (app/workday).
  org: { workday: (request) => h(WorkdayTodos, { sections: request.todos }) },
  // Submitting or approving a record says which channels its item requires have no destination yet.
  record: { channelGaps },
};
