import { LabelledList, type LabelledRow } from '../../../web/components/LabelledList.tsx';
import { describeRule } from '../rules/describe.ts';
import type { EffectiveItem } from '../effectiveCatalog.ts';
import { audienceText, channelNames, methodText } from '../itemFacts.ts';
import type { DomainGroup } from '../present.ts';

/** 领域 → 一级事项 → 二级事项, as nested lists that read well on a phone. */
export function CatalogTree({ groups, orgCode }: { groups: DomainGroup[]; orgCode: string }) {
  return (
    <div class="catalog-tree">
      {groups.map((g) => (
        <section class="card" key={g.domain}>
          <h3>{g.domain}</h3>
          {g.categories.map((c) => (
            <div key={c.category}>
              {c.items.length === 1 && c.items[0]!.name === c.category ? null : <h4>{c.category}</h4>}
              <ul class="item-list">
                {c.items.map((item) => (
                  <li key={item.id}>
                    <a href={`/o/${orgCode}/items/${item.id}`}>{item.name}</a>
                    <span class="muted small rule-hint">{item.rules.map(describeRule).join('；') || item.timeLimitText}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

/** Every field of one item, labelled, one under the other (no wide table on a phone). */
export function ItemFields({ item }: { item: EffectiveItem }) {
  const rows: LabelledRow[] = [
    ['领域', item.domain ?? '—'],
    ['一级事项', item.category ?? '—'],
    ['二级事项', item.name],
    ['公开内容（要素）', item.content],
    ['公开依据', item.legalBasis.length ? <ol>{item.legalBasis.map((b) => <li key={b}>{b}</li>)}</ol> : '—'],
    ['公开主体', item.responsibleBodies.join('、') || '—'],
    ['公开时限', <>{item.timeLimitText}{item.rules.length ? <ul class="rules">{item.rules.map((r, i) => <li key={i}>{describeRule(r)}</li>)}</ul> : null}</>],
    ['公开渠道和载体', channelNames(item).join('、') || '—'],
    ['公开对象', audienceText(item)],
    ['公开方式', methodText(item)],
    ['公开层级', item.level ?? '—'],
    ...(item.websiteColumn ? ([['政府网站公开栏目', item.websiteColumn]] as LabelledRow[]) : []),
  ];
  return <LabelledList class="fields" rows={rows} />;
}
