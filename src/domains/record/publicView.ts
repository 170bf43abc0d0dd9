/**
 * What any public surface (portal page, screen, printed sheet, feed, push, email) may show of a
 * record. Built only by the record domain's present.ts, after masking and audience checks, so a
 * channel can never reach an unmasked number or a 特定群体 record it should not see.
 */
export type ColumnType = 'text' | 'person_name' | 'id_number' | 'phone' | 'public_phone' | 'amount' | 'date' | 'integer';

export interface PublicTable {
  caption: string;
  columns: { name: string; type: ColumnType }[];
  /** Display strings, already masked (ID and phone columns always) and formatted (amounts in 元). */
  rows: string[][];
}

export interface PublicAttachment {
  name: string;
  url: string;
  mimeType: string;
  size: number;
}

export interface PublicRecordView {
  /** Short stable id used in the QR address /r/<id>. */
  id: string;
  districtCode: string;
  communityCode: string;
  communityName: string;
  itemId: number;
  itemKey: string;
  itemName: string;
  title: string;
  /** Sanitised HTML of the Markdown body, personal numbers masked. */
  bodyHtml: string;
  /** The same body as plain text (for screens, sheets, feeds, pushes), masked. */
  bodyText: string;
  /** Empty when a personal list's publicity period has ended (see listWithdrawnNote). */
  tables: PublicTable[];
  attachments: PublicAttachment[];
  publishedAt: Date;
  /** Version number (1 for the first publication; corrections add versions). */
  version: number;
  updatedAt: Date;
  /** Last day of the 公示期 ('YYYY-MM-DD'), null when the item has none. */
  publicityEndsOn: string | null;
  /** Set when a personal list is no longer shown: when it was shown and why it is gone. */
  listWithdrawnNote: string | null;
  /** 'public' for 全社会 items; 'residents' for 特定群体 items (only that community's signed-in residents). */
  audience: 'public' | 'residents';
  /** Channels the community's catalog item requires (for proof of posting). */
  requiredChannels: string[];
  /** The short address for links and QR codes: '/r/<id>' (prefix PUBLIC_URL for a full one). */
  url: string;
  /** When the information was formed (信息形成日期), 'YYYY-MM-DD'. */
  informationFormedOn: string | null;
  /** The period the record covers, 'YYYY-MM-DD' each, when given. */
  periodFrom: string | null;
  periodTo: string | null;
  /** Why this version corrects the previous one (更正说明); null for the first version. */
  correctionNote: string | null;
  /** Earlier versions, oldest first: the visible 更正 history (each readable at url + '/v/<n>'). */
  corrections: PublicCorrection[];
  /** Set when the record was withdrawn: its public trace. Body, tables and attachments are then empty. */
  withdrawal: { at: Date; reason: string } | null;
}

/** What a list of records (portal pages) shows of each: its title, date, where it belongs and its tags. */
export type PublicRecordSummary = Pick<PublicRecordView, 'id' | 'url' | 'title' | 'publishedAt' | 'communityName' | 'itemName' | 'version' | 'audience' | 'publicityEndsOn' | 'withdrawal'>;

/** A search result: what a list shows, and the masked text its snippet quotes. */
export type PublicSearchHit = PublicRecordSummary & Pick<PublicRecordView, 'bodyText' | 'tables'>;

export interface PublicCorrection {
  version: number;
  publishedAt: Date;
  /** The note of the version that replaced this one. */
  replacedBecause: string;
}
