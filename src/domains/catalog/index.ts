// Public surface of the catalog domain; other domains import from here only.
export { activateCatalog } from './activateCatalog.ts';
export { editDraftItem } from './editItem.ts';
export { effectiveCatalogFor, effectiveCatalogsFor, type EffectiveItem } from './effectiveCatalog.ts';
export { exportCatalogPdf, exportCatalogXlsx } from './export/index.ts';
export { MAPPING_KEYS, MAX_IMPORT_BYTES, checkMapping, parseCatalogFile, parseColumnsOption, type ColumnMapping } from './import/index.ts';
export { CatalogImportError, type ParsedCatalog } from './import/types.ts';
export { importCatalog } from './importCatalog.ts';
export { itemJson, rowToParsed } from './present.ts';
export { findItem, listItems } from './repository.ts';
export { describeRule } from './rules/describe.ts';
export type { Period, PeriodicRule, PublicityRule, Rule, WithinRule } from './rules/types.ts';
export { audienceOf, audienceText, channelNames, methodText } from './itemFacts.ts';
export { groupItems, type DomainGroup } from './present.ts';
// View parts the portal composes with records.
export { CatalogTree } from './pages/CatalogTree.tsx';
export { ItemPage } from './pages/ItemPage.tsx';
export { adoptTemplate, adoptionPlan, type AdoptionPlan } from './adoptTemplate.ts';
export type { CatalogChange } from './present.ts';
