import type { ComponentChildren } from 'preact';

export type LabelledRow = [label: string, value: ComponentChildren];

/** Label above value, one pair under the other: reads on a phone where a wide table would not. */
export function LabelledList({ rows, class: className }: { rows: LabelledRow[]; class: string }) {
  return (
    <dl class={className}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
