/**
 * Staff routes of the reports: the annual report of a street or district (page, .xlsx, PDF), the
 * yearly 居务公开 summary (page, .xlsx) and the reply letter as PDF. Who may read is decided by
 * the use cases against the organisation tree (policy.assertCanReport, caseForStaff).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { beijingDate } from '../../platform/time.ts';
import { contentDisposition } from '../../web/download.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import { codeParam, idParam, queryOf, staffOf, staffOnly } from '../../web/routeKit.ts';
import { printDocument } from '../channel/index.ts';
import { findOrganisationById } from '../org/index.ts';
import { annualReport } from './annualReport.ts';
import { yearSummary } from './communitySummary.ts';
import { letterDocument } from './letterDocument.ts';
import { caseFileNames } from './caseFiles.ts';
import { AnnualReportPage, YearSummaryPage } from './pages/ReportPages.tsx';
import { staffContact } from './present.ts';
import { caseForStaff } from './queries.ts';
import { reportTitle } from './reportLayout.ts';

const yearQuery = z.object({ year: z.string().regex(/^\d{4}$/, { error: '年份应为四位数字，例如 2026。' }).optional() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendFile(reply: FastifyReply, bytes: Buffer, type: string, name: string, kind: 'inline' | 'attachment') {
  // Staff documents with counts of cases: never stored by a shared cache.
  return reply.header('content-disposition', contentDisposition(kind, name)).header('cache-control', 'private, no-store').type(type).send(bytes);
}

export function reportRoutes(deps: Deps) {
  const thisYear = () => Number(beijingDate(deps.clock.now()).slice(0, 4));
  const yearOf = (request: FastifyRequest) => queryOf(request, yearQuery).year ?? String(thisYear());
  return async (app: FastifyInstance) => {
    app.addHook('preHandler', staffOnly());
    app.get('/staff/reports/:code/annual', async (request, reply) => {
      const report = await annualReport(deps, staffOf(request), codeParam(request), yearOf(request));
      return sendPage(reply, h(AnnualReportPage, { ctx: pageCtx(request, reply), report, thisYear: thisYear() }));
    });
    app.get('/staff/reports/:code/annual.xlsx', async (request, reply) => {
      const report = await annualReport(deps, staffOf(request), codeParam(request), yearOf(request));
      const { annualReportXlsx } = await import('./reportExport.ts'); // exceljs loads only when someone exports
      return sendFile(reply, await annualReportXlsx(report), XLSX, `${reportTitle(report)}.xlsx`, 'attachment');
    });
    app.get('/staff/reports/:code/annual.pdf', async (request, reply) => {
      const report = await annualReport(deps, staffOf(request), codeParam(request), yearOf(request));
      const { annualReportDocument } = await import('./reportExport.ts');
      return sendFile(reply, await printDocument(annualReportDocument(report)), 'application/pdf', `${reportTitle(report)}.pdf`, 'inline');
    });
    app.get('/staff/reports/:code/summary', async (request, reply) => {
      const summary = await yearSummary(deps, staffOf(request), codeParam(request), yearOf(request));
      return sendPage(reply, h(YearSummaryPage, { ctx: pageCtx(request, reply), summary, thisYear: thisYear() }));
    });
    app.get('/staff/reports/:code/summary.xlsx', async (request, reply) => {
      const summary = await yearSummary(deps, staffOf(request), codeParam(request), yearOf(request));
      const { yearSummaryXlsx } = await import('./reportExport.ts');
      return sendFile(reply, await yearSummaryXlsx(summary), XLSX, `${summary.org.name}${summary.year}年居务公开情况汇总.xlsx`, 'attachment');
    });
    app.get('/staff/requests/:id/letter.pdf', async (request, reply) => {
      const user = staffOf(request);
      const { row } = await caseForStaff(deps, user, idParam(request));
      if (!row.replyText) throw new NotFoundError('这件申请还没有答复。');
      const org = await findOrganisationById(deps, row.orgId);
      const applicant = row.anonymous ? '匿名申请人' : staffContact(user, row).name;
      const pdf = await printDocument(letterDocument(row, org?.name ?? '', applicant, await caseFileNames(deps, row.id)));
      return sendFile(reply, pdf, 'application/pdf', `答复书-${row.trackingCode}.pdf`, 'inline');
    });
  };
}
