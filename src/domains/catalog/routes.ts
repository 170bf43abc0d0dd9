import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { AppError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import { ADMIN_ROLES, actorOf, bodyOf, formProblem, idParam, idParams, queryOf, staffOf, staffOnly, uploadedFile } from '../../web/routeKit.ts';
import { listOrgsFlat } from '../org/index.ts';
import { activateCatalog, discardDraft, loadManagedCatalog } from './activateCatalog.ts';
import { communityOf, acknowledge, requireEffective, saveChannelChoices, unseenChanges } from './chooseChannels.ts';
import { editDraftItem, itemEditInput } from './editItem.ts';
import { exportCatalogPdf, exportCatalogXlsx } from './export/index.ts';
import { checkMapping, parseColumnsOption } from './import/mapping.ts';
import { CatalogImportError } from './import/types.ts';
import { importCatalog } from './importCatalog.ts';
import { diffCatalogs, rowToParsed } from './present.ts';
import * as repo from './repository.ts';
import { CatalogPreview } from './pages/CatalogPreview.tsx';
import { ChannelChoices } from './pages/ChannelChoices.tsx';
import { ItemEdit } from './pages/ItemEdit.tsx';
import { StaffCatalogs } from './pages/StaffCatalogs.tsx';

const itemParams = idParams.extend({ itemId: idParams.shape.id });
const exportParams = idParams.extend({ format: z.string() });
const importForm = z.object({ orgCode: z.string({ error: '请选择组织' }).default(''), file: uploadedFile.optional(), columns: z.string().max(2000).optional() });
/** The mapping step: col_0 … col_n (field keys), the header line and the file chosen again. */
const remapForm = z.object({ file: uploadedFile.optional(), headerLine: z.string().max(10).optional() }).catchall(z.unknown());
const flagQuery = z.object({ activated: z.string().optional(), saved: z.string().optional() });
/** Per item, the ticked channel names (`ch_<item id>`); one tick arrives as a string. */
const channelForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const EXPORT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

const admins = { preHandler: staffOnly(ADMIN_ROLES, '目录清单由街道或区县管理员导入和维护。') };
const staff = { preHandler: staffOnly() };

/** A mapping that does not read the file is a 400 with its Chinese reason, and the draft stays. */
async function remapImport<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CatalogImportError) throw new ValidationError(err.message);
    throw err;
  }
}

/** A file that is not a catalog, or a refusal meant for the user, is shown beside the upload form. */
async function importProblem(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    return (await formProblem(fn))?.message;
  } catch (err) {
    if (err instanceof CatalogImportError) return err.message;
    throw err;
  }
}

export function catalogRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    await app.register(listRoutes(deps));
    await app.register(catalogPageRoutes(deps));
    await app.register(itemRoutes(deps));
    await app.register(channelRoutes(deps));
  };
}

/** The catalogs of the admin's subtree, and importing a new one as a draft. */
function listRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const render = async (request: FastifyRequest, reply: FastifyReply, error?: string) => {
      const orgs = await listOrgsFlat(deps, staffOf(request).orgPath);
      const names = new Map(orgs.map((o) => [o.id, o.name]));
      const catalogs = (await repo.listCatalogsOf(deps.db.orm, orgs.map((o) => o.id))).map((c) => ({ ...c, ownerName: names.get(c.ownerOrgId) ?? '' }));
      return sendPage(reply, h(StaffCatalogs, { ctx: pageCtx(request, reply), catalogs, orgs, error }), error ? 400 : 200);
    };

    app.get('/staff/catalogs', admins, async (request, reply) => render(request, reply));

    app.post('/staff/catalogs/import', admins, async (request, reply) => {
      let catalogId = 0;
      const problem = await importProblem(async () => {
        const { orgCode, file, columns } = bodyOf(request, importForm);
        if (!file?.bytes.length) throw new ValidationError('请选择要导入的文件。');
        const mapping = columns?.trim() ? parseColumnsOption(columns) : null;
        catalogId = (await importCatalog(deps, actorOf(request), { fileName: file.fileName, bytes: file.bytes, orgCode, mapping })).catalog.id;
      });
      return problem ? render(request, reply, problem) : reply.redirect(`/staff/catalogs/${catalogId}`, 303);
    });
  };
}

/** One catalog: its preview (with what a draft changes), downloads, activation and discarding. */
function catalogPageRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/catalogs/:id', admins, async (request, reply) => {
      const { catalog, owner } = await loadManagedCatalog(deps, actorOf(request), idParam(request));
      const items = await repo.listItems(deps.db.orm, catalog.id);
      const current = catalog.status === 'draft' ? (await repo.activeCatalogsOf(deps.db.orm, [owner.id]))[0] : undefined;
      const changes = current ? diffCatalogs(await repo.listItems(deps.db.orm, current.id), items) : null;
      const notice = queryOf(request, flagQuery).activated === '1' ? '已启用。下辖社区将按此目录清单公开，并会看到变化提示。' : undefined;
      return sendPage(reply, h(CatalogPreview, { ctx: pageCtx(request, reply), catalog, ownerName: owner.name, items, changes, notice }));
    });

    // Download in the standard layout (merged headers) or as a printable A4 landscape PDF.
    app.get('/staff/catalogs/:id/export.:format', admins, async (request, reply) => {
      const { id, format } = parseInput(exportParams, request.params);
      if (format !== 'xlsx' && format !== 'pdf') throw new NotFoundError('只能导出为 xlsx 或 pdf。');
      const { catalog } = await loadManagedCatalog(deps, actorOf(request), id);
      const items = (await repo.listItems(deps.db.orm, catalog.id)).map((i) => rowToParsed(i));
      const bytes = format === 'xlsx' ? await exportCatalogXlsx(catalog.title, items) : await exportCatalogPdf(catalog.title, items);
      const fileName = encodeURIComponent(`${catalog.title}-第${catalog.version}版.${format}`);
      return reply.type(EXPORT_TYPES[format]).header('content-disposition', `attachment; filename*=UTF-8''${fileName}`).send(bytes);
    });

    app.post('/staff/catalogs/:id/activate', admins, async (request, reply) => {
      const id = idParam(request);
      await activateCatalog(deps, actorOf(request), id);
      return reply.redirect(`/staff/catalogs/${id}?activated=1`, 303);
    });

    // The mapping step: the file read again with the columns as staff assigned them, as a new draft.
    app.post('/staff/catalogs/:id/remap', admins, async (request, reply) => {
      const { catalog, owner } = await loadManagedCatalog(deps, actorOf(request), idParam(request));
      if (catalog.status !== 'draft') throw new ValidationError('只有草稿可以重新对应各列。');
      const body = bodyOf(request, remapForm);
      if (!body.file?.bytes.length) throw new ValidationError('请重新选择要导入的文件。');
      const keys = Object.keys(body).filter((k) => /^col_\d{1,3}$/.test(k)).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
      const headerLine = body.headerLine?.trim() ? Number(body.headerLine) : null;
      const outcome = await remapImport(() => {
        const mapping = checkMapping({ columns: keys.map((k) => String(body[k] ?? '-')), headerLine });
        return importCatalog(deps, actorOf(request), { fileName: body.file!.fileName, bytes: body.file!.bytes, orgCode: owner.code, mapping });
      });
      await discardDraft(deps, actorOf(request), catalog.id);
      return reply.redirect(`/staff/catalogs/${outcome.catalog.id}`, 303);
    });

    app.post('/staff/catalogs/:id/discard', admins, async (request, reply) => {
      await discardDraft(deps, actorOf(request), idParam(request));
      return reply.redirect('/staff/catalogs', 303);
    });
  };
}

/** Correcting one item of a draft before it is confirmed. */
function itemRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    /** The item of a catalog this admin manages; anything else is refused before a page shows it. */
    const managedItem = async (request: FastifyRequest) => {
      const { id, itemId } = parseInput(itemParams, request.params);
      await loadManagedCatalog(deps, actorOf(request), id);
      const item = await repo.findItem(deps.db.orm, itemId);
      if (!item || item.catalogId !== id) throw new NotFoundError('没有找到这个事项。');
      return { id, itemId, item };
    };

    app.get('/staff/catalogs/:id/items/:itemId', admins, async (request, reply) => {
      const { id, item } = await managedItem(request);
      return sendPage(reply, h(ItemEdit, { ctx: pageCtx(request, reply), item, catalogId: id }));
    });

    // Only a problem with what was typed shows the form again: a refusal (another district's
    // catalog, a confirmed one) must never render the item it refused.
    app.post('/staff/catalogs/:id/items/:itemId', admins, async (request, reply) => {
      const { id, itemId, item } = await managedItem(request);
      try {
        await editDraftItem(deps, actorOf(request), id, itemId, bodyOf(request, itemEditInput));
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode !== 400) throw err;
        return sendPage(reply, h(ItemEdit, { ctx: pageCtx(request, reply), item, catalogId: id, error: err.message }), 400);
      }
      return reply.redirect(`/staff/catalogs/${id}#item-${item.seq}`, 303);
    });
  };
}

/**
 * A community ticks the channels it really uses. Viewing writes nothing: the version a community
 * has seen is recorded when it saves its choices or acknowledges the changes of a new version.
 */
function channelRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/channels', staff, async (request, reply) => {
      const org = await communityOf(deps, staffOf(request));
      const effective = await requireEffective(deps, org);
      const changes = await unseenChanges(deps, org, effective);
      return sendPage(reply, h(ChannelChoices, { ctx: pageCtx(request, reply), effective, changes, saved: queryOf(request, flagQuery).saved === '1' }));
    });

    app.post('/staff/channels', staff, async (request, reply) => {
      await saveChannelChoices(deps, actorOf(request), bodyOf(request, channelForm));
      return reply.redirect('/staff/channels?saved=1', 303);
    });

    app.post('/staff/channels/acknowledge', staff, async (request, reply) => {
      const org = await communityOf(deps, staffOf(request));
      await acknowledge(deps, org, await requireEffective(deps, org));
      return reply.redirect('/staff/channels', 303);
    });
  };
}
