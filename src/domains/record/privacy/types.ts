/** The personal numbers we look for; every one of them must be masked before anything is public. */
export type FindingKind = 'id_card' | 'mobile' | 'bank_card';

/**
 * One personal number found in a text. `start`/`end` are UTF-16 offsets into the text that was
 * scanned (end exclusive); `text` is that slice as written; `masked` is the same slice with the
 * hidden characters replaced by `*` — always the same length, so offsets survive masking.
 */
export interface Finding {
  kind: FindingKind;
  text: string;
  start: number;
  end: number;
  masked: string;
}
