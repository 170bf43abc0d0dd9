/**
 * A second lock on the door. Records hand channels only masked views; before anything leaves on
 * a screen, sheet, feed, push or mail, its text is scanned once more and any personal number the
 * record domain might have missed is masked, so one bug upstream cannot leak an ID number to a
 * chat group that keeps it forever.
 */
import { maskTextKept as mask, type PublicRecordView, type PublicTable } from '../record/index.ts';

function guardTable(table: PublicTable): PublicTable {
  return { ...table, caption: mask(table.caption), rows: table.rows.map((row) => row.map(mask)) };
}

export function guardView(view: PublicRecordView): PublicRecordView {
  return {
    ...view,
    title: mask(view.title),
    bodyText: mask(view.bodyText),
    bodyHtml: mask(view.bodyHtml),
    tables: view.tables.map(guardTable),
    listWithdrawnNote: view.listWithdrawnNote === null ? null : mask(view.listWithdrawnNote),
  };
}
