import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { AppError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import type { UploadedFile } from '../../platform/http.ts';
import { parseInput } from '../../platform/validate.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import { findOrganisation, listOrgsFlat } from '../org/orgTree.ts';
import { isAdmin } from '../org/policy.ts';
import type { SessionUser } from '../org/repository.ts';
import { requireStaff } from '../org/routes.ts';
import { activateCatalog, discardDraft, loadManagedCatalog } from './activateCatalog.ts';
import { acknowledge, communityOf, requireEffective, saveChannelChoices, unseenChanges } from './chooseChannels.ts';
import { editDraftItem } from './editItem.ts';
import { effectiveCatalogFor } from './effectiveCatalog.ts';
import { CatalogImportError } from './import/types.ts';
import { importCatalog } from './importCatalog.ts';
import { diffCatalogs, rowToParsed } from './present.ts';
import { exportCatalogPdf, exportCatalogXlsx } from './export/index.ts';
import * as repo from './repository.ts';
import { CatalogPreview } from './pages/CatalogPreview.tsx';
import { ChannelChoices } from './pages/ChannelChoices.tsx';
import { ItemEdit } from './pages/ItemEdit.tsx';
import { ItemPage } from './pages/ItemPage.tsx';
import { itemRecords } from '../record/readRecords.ts';
import { StaffCatalogs } from './pages/StaffCatalogs.tsx';

const idParams = z.object({ id: z.coerce.number().int().positive({ error: '编号无效' }), itemId: z.coerce.number().int().positive().optional() });
const itemParams = z.object({ code: z.string().regex(/^\d{6,12}$/, { error: '组织代码格式不正确' }), itemId: z.coerce.number().int().positive({ error: '编号无效' }) });

const actorOf = (request: FastifyRequest, user: SessionUser) => ({ id: String(user.id), name: user.username, ip: request.ip, user });

function requireAdmin(request: FastifyRequest, reply: FastifyReply): SessionUser | null {
  const user = requireStaff(request, reply);
  if (user && !isAdmin(user.role)) throw new ForbiddenError('目录清单由街道或区县管理员导入和维护。');
  return user;
}

export function catalogRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    await app.register(publicRoutes(deps));
    await app.register(staffRoutes(deps));
    await app.register(channelRoutes(deps));
  };
}

function publicRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    // One item with every field, and an honest empty state until records exist. with every field, and an honest empty state until records exist.
    app.get('/o/:code/items/:itemId', async (request, reply) => {
      const { code, itemId } = parseInput(itemParams, request.params);
      const org = await findOrganisation(deps, code);
      const effective = org ? await effectiveCatalogFor(deps, org) : null;
      const item = effective?.items.find((i) => i.id === itemId);
      if (!org || !effective || !item) throw new NotFoundError('没有找到这个公开事项。');
      const records = await itemRecords(deps, org, item.itemKey, request.user);
      return sendPage(reply, h(ItemPage, { ctx: pageCtx(request, reply), org, item, catalogTitle: effective.catalog.title, records, now: deps.clock.now() }));
    });
  };
}

function staffRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const renderList = async (request: FastifyRequest, reply: FastifyReply, user: SessionUser, error?: string) => {
      const orgs = await listOrgsFlat(deps, user.orgPath);
      const names = new Map(orgs.map((o) => [o.id, o.name]));
      const catalogs = (await repo.listCatalogsOf(deps.db.orm, orgs.map((o) => o.id))).map((c) => ({ ...c, ownerName: names.get(c.ownerOrgId) ?? '' }));
      return sendPage(reply, h(StaffCatalogs, { ctx: pageCtx(request, reply), catalogs, orgs, error }), error ? 400 : 200);
    };

    app.get('/staff/catalogs', async (request, reply) => {
      const user = requireAdmin(request, reply);
      return user ? renderList(request, reply, user) : reply;
    });

    app.post('/staff/catalogs/import', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      const body = (request.body ?? {}) as { orgCode?: string; file?: UploadedFile };
      if (!body.file?.bytes?.length) return renderList(request, reply, user, '请选择要导入的文件。');
      try {
        const { catalog } = await importCatalog(deps, actorOf(request, user), { fileName: body.file.fileName, bytes: body.file.bytes, orgCode: String(body.orgCode ?? '') });
        return reply.redirect(`/staff/catalogs/${catalog.id}`, 303);
      } catch (err) {
        if (err instanceof CatalogImportError || (err instanceof AppError && err.statusCode < 500)) return renderList(request, reply, user, err.message);
        throw err;
      }
    });

    app.get('/staff/catalogs/:id', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      const { id } = parseInput(idParams, request.params);
      const { catalog, owner } = await loadManagedCatalog(deps, actorOf(request, user), id);
      const items = await repo.listItems(deps.db.orm, catalog.id);
      const current = catalog.status === 'draft' ? (await repo.activeCatalogsOf(deps.db.orm, [owner.id]))[0] : undefined;
      const changes = current ? diffCatalogs(await repo.listItems(deps.db.orm, current.id), items) : null;
      const notice = (request.query as Record<string, string>).activated === '1' ? '已启用。下辖社区将按此目录清单公开，并会看到变化提示。' : undefined;
      return sendPage(reply, h(CatalogPreview, { ctx: pageCtx(request, reply), catalog, ownerName: owner.name, items, changes, notice }));
    });

    app.get('/staff/catalogs/:id/items/:itemId', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      const { id, itemId } = parseInput(idParams, request.params);
      await loadManagedCatalog(deps, actorOf(request, user), id);
      const item = await repo.findItem(deps.db.orm, itemId ?? 0);
      if (!item || item.catalogId !== id) throw new NotFoundError('没有找到这个事项。');
      return sendPage(reply, h(ItemEdit, { ctx: pageCtx(request, reply), item, catalogId: id }));
    });

    app.post('/staff/catalogs/:id/items/:itemId', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      const { id, itemId } = parseInput(idParams, request.params);
      try {
        await editDraftItem(deps, actorOf(request, user), id, itemId ?? 0, request.body);
      } catch (err) {
        const item = await repo.findItem(deps.db.orm, itemId ?? 0);
        if (!(err instanceof AppError) || err.statusCode >= 500 || !item) throw err;
        return sendPage(reply, h(ItemEdit, { ctx: pageCtx(request, reply), item, catalogId: id, error: err.message }), err.statusCode);
      }
      const item = await repo.findItem(deps.db.orm, itemId ?? 0);
      return reply.redirect(`/staff/catalogs/${id}#item-${item?.seq ?? ''}`, 303);
    });

    // Download in the standard layout (merged headers) or as a printable A4 landscape PDF.
    app.get('/staff/catalogs/:id/export.:format', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      const { id } = parseInput(idParams, request.params);
      const format = (request.params as { format: string }).format;
      if (format !== 'xlsx' && format !== 'pdf') throw new NotFoundError('只能导出为 xlsx 或 pdf。');
      const { catalog } = await loadManagedCatalog(deps, actorOf(request, user), id);
      const items = (await repo.listItems(deps.db.orm, catalog.id)).map((i) => rowToParsed(i));
      const bytes = format === 'xlsx' ? await exportCatalogXlsx(catalog.title, items) : await exportCatalogPdf(catalog.title, items);
      const fileName = encodeURIComponent(`${catalog.title}-第${catalog.version}版.${format}`);
      return reply
        .type(format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${fileName}`)
        .send(bytes);
    });

    app.post('/staff/catalogs/:id/activate', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      const { id } = parseInput(idParams, request.params);
      await activateCatalog(deps, actorOf(request, user), id);
      return reply.redirect(`/staff/catalogs/${id}?activated=1`, 303);
    });

    app.post('/staff/catalogs/:id/discard', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      await discardDraft(deps, actorOf(request, user), parseInput(idParams, request.params).id);
      return reply.redirect('/staff/catalogs', 303);
    });
  };
}

function channelRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/channels', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const org = await communityOf(deps, user);
      const effective = await requireEffective(deps, org);
      const changes = await unseenChanges(deps, org, effective);
      // The first visit records the version seen, so later versions can be shown as changes.
      if (!(await repo.findAcknowledgement(deps.db.orm, org.id, effective.owner.id))) await acknowledge(deps, org, effective);
      return sendPage(reply, h(ChannelChoices, { ctx: pageCtx(request, reply), effective, changes, saved: (request.query as Record<string, string>).saved === '1' }));
    });

    app.post('/staff/channels', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      await saveChannelChoices(deps, user, request.ip, (request.body ?? {}) as Record<string, unknown>);
      return reply.redirect('/staff/channels?saved=1', 303);
    });

    app.post('/staff/channels/acknowledge', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const org = await communityOf(deps, user);
      await acknowledge(deps, org, await requireEffective(deps, org));
      return reply.redirect('/staff/channels', 303);
    });
  };
}
