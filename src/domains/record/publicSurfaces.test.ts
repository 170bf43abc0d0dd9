/*
 * Issue 13, "Personal numbers leak": a supervisor overrides the privacy gate (the realistic way
 * a full number gets stored), and every field of the record carries a number in some disguise —
 * zero-width and soft-hyphen splits, full-width digits, Markdown and character references,
 * tabs and line breaks. No public surface may show any of them in full, read as a person or a
 * feed reader would read it (invisible characters dropped, entities decoded, tags removed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { pdfWith } from '../../../test/support/pdf.ts';
import { pdfText, savePdf } from '../../../test/support/pdf.ts';
import { actor, draftRecord, itemIdOf, seedRecordWorld } from '../../../test/support/records.ts';
import { startCorrection, withdrawRecord } from './correctRecord.ts';
import { addAttachment } from './draftFiles.ts';
import { makeCard, makeId18, toFullWidth } from './privacy/fixtures/numbers.ts';
import * as repo from './repository.ts';
import { approveRecord } from './reviewRecord.ts';
import { overridePrivacy, PrivacyBlockedError, submitRecord } from './submitRecord.ts';

const ID = [makeId18('220202', '19850612', '123'), makeId18('110105', '19491231', '004'), makeId18('530102', '20000229', '456'), makeId18('440305', '19761001', '789'), makeId18('650102', '19630705', '317')] as const;
const MOBILE = ['13812345678', '13987654321', '15043218765', '18612345670', '17712345678'] as const;
const CARD = makeCard('622202', 16);
const RAW = [...ID, ...MOBILE, CARD];

const zw = (s: string, ch = '\u200b') => s.split('').join(ch);

const TITLE = `联系人${zw(ID[0])}与${toFullWidth(MOBILE[0])}`;
const BODY = [
  `身份证 **${ID[1].slice(0, 4)}**${ID[1].slice(4)}，电话 \`${MOBILE[1].slice(0, 3)}\`${MOBILE[1].slice(3)}。`,
  `卡号 ${[...CARD].map((d) => `&#${d.charCodeAt(0)};`).join('')}，备用 ${MOBILE[2].slice(0, 3)}\u00ad${MOBILE[2].slice(3, 7)}\u2060${MOBILE[2].slice(7)}`,
  `证件 ${ID[2].slice(0, 6)}\u2009${ID[2].slice(6, 14)}\u202f${ID[2].slice(14)}，${MOBILE[3].slice(0, 3)}.${MOBILE[3].slice(3, 7)}.${MOBILE[3].slice(7)}`,
].join('\n\n');
const TABLE = `姓名\t备注${zw(MOBILE[4], '\ufeff')}\n张三\t身份证 ${ID[3].slice(0, 6)}\t${ID[3].slice(6)}`;
const CORRECTION = `更正电话号码为 ${toFullWidth(MOBILE[2])}，身份证 ${zw(ID[4], '\u00ad')}`;
const WITHDRAWAL = `误发了 ${ID[0].slice(0, 6)}\u200c${ID[0].slice(6)} 的电话 ${MOBILE[0].slice(0, 3)}\t${MOBILE[0].slice(3, 7)}\t${MOBILE[0].slice(7)}`;
const FILE_NAME = `回执-${zw(MOBILE[1], '\u200d')}-${toFullWidth(ID[1])}.pdf`;

/** What a reader sees: character references decoded, tags and invisible characters dropped, look-alike digits folded. */
function asRead(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/<[^>]*>/g, '')
    .replace(/[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '')
    .normalize('NFKC');
}

function expectNoNumber(text: string, where: string): void {
  // Separators are dropped too: a reader joins "138.1234.5678" or "138\t1234\t5678" in their head.
  const read = asRead(text);
  const digitsOnly = read.replace(/[\s.\-*_`]/g, '');
  for (const raw of RAW) {
    expect(text, where).not.toContain(raw);
    expect(read, where).not.toContain(raw);
    expect(digitsOnly, `${where} (separators removed)`).not.toContain(raw);
  }
}

describe.each(databaseKinds)('no public surface shows a full personal number, on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  const pub = { corrected: '', withdrawn: '' };

  /** Submit, overriding the gate as a supervisor would for "numbers that must be public", approve. */
  async function pushThrough(id: number): Promise<void> {
    const submitted = await submitRecord(deps, await actor(deps, 'editor-a'), id).catch((e: unknown) => e);
    if (submitted instanceof PrivacyBlockedError) {
      await overridePrivacy(deps, await actor(deps, 'supervisor-a'), id, { reason: '经核实为社区工作人员公开的办公号码' });
      await submitRecord(deps, await actor(deps, 'editor-a'), id);
    } else if (submitted instanceof Error) throw submitted;
    await approveRecord(deps, await actor(deps, 'supervisor-a2'), id, {});
  }

  beforeAll(async () => {
    deps = await createTestDeps(kind);
    await seedRecordWorld(deps);
    app = await buildApp(deps, { logger: false });
    const editor = await actor(deps, 'editor-a');
    const corrected = await draftRecord(deps, 'editor-a', '财务收支情况', { title: TITLE, bodyMd: BODY, tnew_text: TABLE });
    await addAttachment(deps, editor, corrected, { fileName: FILE_NAME, bytes: await pdfWith('Budget 2026: income 1200 yuan.') });
    await pushThrough(corrected);
    await startCorrection(deps, editor, corrected, { correctionNote: CORRECTION });
    await pushThrough(corrected);
    const withdrawn = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '将撤回的记录', bodyMd: '内容' });
    await pushThrough(withdrawn);
    await withdrawRecord(deps, editor, withdrawn, { reason: WITHDRAWAL });
    pub.corrected = (await repo.findRecord(deps.db.orm, corrected))!.publicId;
    pub.withdrawn = (await repo.findRecord(deps.db.orm, withdrawn))!.publicId;
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('shows every field masked on the record pages, item page, search, feeds and screen', async () => {
    const item = await itemIdOf(deps, '220202001001', '财务收支情况');
    const urls = [
      `/r/${pub.corrected}`, `/r/${pub.corrected}/v/1`, `/r/${pub.withdrawn}`,
      `/o/220202001001/items/${item}`, '/o/220202001001', '/search?q=%E8%81%94%E7%B3%BB%E4%BA%BA&org=220202001001',
      '/feeds/220202001001.rss', '/feeds/220202001001.atom', '/feeds/220202001001.json',
      `/feeds/220202001001/items/${item}.rss`, '/screen/220202001001/slides.json', '/screen/220202001001',
    ];
    const seen: Record<string, string> = {};
    for (const url of urls) {
      const res = await new Agent(app).get(url);
      expect(res.statusCode, url).toBe(200);
      expectNoNumber(res.body, url);
      seen[url] = asRead(res.body);
    }
    // The fields are really there, masked: the test would pass vacuously otherwise.
    const page = seen[`/r/${pub.corrected}`]!;
    expect(page).toMatch(new RegExp(`${ID[0].slice(0, 6)}\\*{8}${ID[0].slice(14)}`));
    for (const shown of ['138****5678', '150****8765', '177****5678', '回执-']) expect(page).toContain(shown);
    expect(seen[`/r/${pub.withdrawn}`]).toContain('误发了');
    expect(seen['/feeds/220202001001.json']).toContain('联系人');
    expect(seen['/search?q=%E8%81%94%E7%B3%BB%E4%BA%BA&org=220202001001']).toContain('联系人');
  });

  it('masks the attachment name in its download and the printed sheet and month board', async () => {
    const page = await new Agent(app).get(`/r/${pub.corrected}`);
    const href = /href="(\/r\/[a-z0-9]+\/v\/\d+\/files\/\d+)"/.exec(page.body)?.[1];
    expect(href).toBeDefined();
    const file = await new Agent(app).get(href!);
    expect(file.statusCode).toBe(200);
    expectNoNumber(decodeURIComponent(String(file.headers['content-disposition'])), 'attachment download');
    for (const url of [`/r/${pub.corrected}/sheet.pdf`, '/o/220202001001/board/2026-11.pdf']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectNoNumber(String(res.headers['content-disposition']), `${url} name`);
      expectNoNumber(pdfText(savePdf(res.rawPayload)).join('\n'), url);
    }
  });

  it('stores the 更正 note and the withdrawal reason masked, so no surface can show them whole', async () => {
    const corrected = await repo.findRecordByPublicId(deps.db.orm, pub.corrected);
    const withdrawn = await repo.findRecordByPublicId(deps.db.orm, pub.withdrawn);
    const notes = (await repo.listVersions(deps.db.orm, corrected!.id)).map((v) => v.correctionNote ?? '').join('\n');
    expect(notes).toContain('更正电话号码为');
    expectNoNumber(notes, '更正说明（数据库）');
    expect(withdrawn!.withdrawnReason).toContain('误发了');
    expectNoNumber(withdrawn!.withdrawnReason ?? '', '撤回原因（数据库）');
  });

  it('keeps the full numbers out of the search index', async () => {
    for (const raw of [ID[1], MOBILE[1], CARD]) {
      const res = await new Agent(app).get(`/search?q=${raw}&org=220202001001`);
      expect(res.statusCode).toBe(200);
      expect(asRead(res.body), raw).not.toContain('联系人');
    }
  });
});
