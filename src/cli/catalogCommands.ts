import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../platform/config.ts';
import { cliActor } from '../platform/context.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { CatalogImportError, MAPPING_KEYS, checkMapping, parseColumnsOption, type ColumnMapping, parseCatalogFile, MAX_IMPORT_BYTES, type ParsedCatalog, importCatalog, effectiveCatalogFor, itemJson, rowToParsed, exportCatalogPdf, exportCatalogXlsx } from '../domains/catalog/index.ts';
import { findOrganisation } from '../domains/org/index.ts';
import { withDeps } from './coreCommands.ts';

async function readInput(file: string): Promise<Uint8Array> {
  const info = await stat(file).catch(() => null);
  if (!info || !info.isFile()) throw new ValidationError(`找不到文件 ${file}`);
  if (info.size > MAX_IMPORT_BYTES) throw new ValidationError(`文件 ${basename(file)} 超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，不像是目录清单`);
  return readFile(file);
}

function printReport(parsed: ParsedCatalog, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ title: parsed.title, layout: parsed.layout, items: parsed.items.map(itemJson), warnings: parsed.warnings }));
    return;
  }
  console.log(`${parsed.title ?? '（无标题）'}：识别出 ${parsed.items.length} 个公开事项（格式：${parsed.layout}）。`);
  for (const item of parsed.items) console.log(`  ${item.seq}. ${[item.domain, item.category, item.name].filter(Boolean).join(' / ')} — ${item.rules.map((r) => r.kind).join('+') || '时限未识别'}`);
  if (parsed.warnings.length > 0) console.log(`请核对以下 ${parsed.warnings.length} 处：`);
  if (parsed.columns && !json) {
    console.log(`各列识别为：${parsed.columns.map((c, i) => `${i + 1}.${c.label || '（无表头）'}→${c.key}${c.score < 1 ? `（${Math.round(c.score * 100)}%）` : ''}`).join('  ')}`);
  }
  for (const w of parsed.warnings) console.log(`  ${w.line ? `第${w.line}行 ` : ''}${w.message}`);
}

/** --columns or --mapping, checked before anything is read or stored. */
async function mappingOption(o: { columns?: string; mapping?: string }): Promise<ColumnMapping | null> {
  if (o.columns && o.mapping) throw new ValidationError('--columns 和 --mapping 只能用一个。');
  try {
    if (o.columns) return parseColumnsOption(o.columns);
    if (!o.mapping) return null;
    const text = await readFile(o.mapping, 'utf8').catch(() => {
      throw new ValidationError(`找不到列对应关系文件 ${o.mapping}`);
    });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ValidationError(`列对应关系文件 ${o.mapping} 不是有效的 JSON`);
    }
    return checkMapping(json);
  } catch (error) {
    if (error instanceof CatalogImportError) throw new ValidationError(error.message);
    throw error;
  }
}

export function registerCatalogCommands(program: Command, config: () => Config): void {
  const catalog = program.command('catalog').description('公开事项目录清单');
  catalog
    .command('import')
    .description('导入目录清单（Word 表格文本、制表符或竖线分隔文本、.xlsx、.docx）')
    .argument('<file>', '目录清单文件')
    .option('--org <code>', '所属组织代码（导入到数据库时必填）')
    .option('--dry-run', '只解析并报告，不写入数据库')
    .option('--draft', '保存为草稿，稍后在网页上核对后启用（默认直接启用）')
    .option('--json', '以 JSON 输出解析结果')
    .option('--columns <keys>', '表头无法识别时，按从左到右的顺序逐列指定字段，用逗号分隔，“-”表示该列不导入')
    .option('--mapping <file>', '从 JSON 文件读取列对应关系：{"columns": ["seq", "name", …], "headerLine": 表头所在行}')
    .addHelpText('after', `\n--columns 和 --mapping 可用的字段：\n${MAPPING_KEYS.map(([k, n]) => `  ${k.padEnd(18)}${n}`).join('\n')}\n例：gongkai catalog import 目录.txt --dry-run --columns 'seq,category,name,content,legalBasis,timeLimit'`)
    .action(async (file: string, o: { org?: string; dryRun?: boolean; draft?: boolean; json?: boolean; columns?: string; mapping?: string }) => {
      const bytes = await readInput(file);
      const mapping = await mappingOption(o);
      if (o.dryRun) return printReport(await parseCatalogFile({ fileName: basename(file), bytes, mapping }), Boolean(o.json));
      if (!o.org) throw new ValidationError('请用 --org 指定目录清单所属的组织代码，或加 --dry-run 只检查文件。');
      const outcome = await withDeps(config(), (deps) =>
        importCatalog(deps, { ...cliActor(), user: null }, { fileName: basename(file), bytes, orgCode: o.org!, activate: !o.draft, mapping }),
      );
      printReport(outcome.parsed, Boolean(o.json));
      if (!o.json) console.log(`已保存为第 ${outcome.catalog.version} 版（${outcome.catalog.status === 'active' ? '已启用' : '草稿'}）。`);
    });
  catalog
    .command('export')
    .description('导出组织正在使用的目录清单')
    .requiredOption('--org <code>', '组织代码')
    .requiredOption('--format <format>', 'xlsx 或 pdf')
    .requiredOption('--out <file>', '输出文件')
    .action(async (o: { org: string; format: string; out: string }) => {
      if (o.format !== 'xlsx' && o.format !== 'pdf') throw new ValidationError('--format 只能是 xlsx 或 pdf');
      const bytes = await withDeps(config(), async (deps) => {
        const org = await findOrganisation(deps, o.org);
        if (!org) throw new NotFoundError(`组织 ${o.org} 不存在`);
        const effective = await effectiveCatalogFor(deps, org);
        if (!effective) throw new NotFoundError(`${org.name} 还没有启用的目录清单`);
        const items = effective.items.map((i) => rowToParsed(i, i.effectiveChannels));
        return o.format === 'xlsx' ? exportCatalogXlsx(effective.catalog.title, items) : exportCatalogPdf(effective.catalog.title, items);
      });
      await writeFile(o.out, bytes);
      console.log(`已导出到 ${o.out}`);
    });
}
