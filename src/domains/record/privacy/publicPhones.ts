/**
 * The one exception to phone masking: numbers an admin listed as the organisation's own public
 * numbers (监督电话, 服务热线; org profile). A number is compared by its digits only, a mobile
 * without its country code, so "0432-6245 1234" and "043262451234" are the same number. Only a
 * whole number that equals a listed one is exempt: IDs and bank cards never are, and a personal
 * mobile written next to a listed number is still masked.
 */
export function phoneKey(value: string): string {
  const digits = value.normalize('NFKC').replace(/\D/g, '');
  const mobile = /^(?:0086|86)?(1[3-9]\d{9})$/.exec(digits);
  return mobile ? mobile[1]! : digits;
}

/** The organisation's listed numbers as keys; empty when it lists none (everything masked as before). */
export function publicPhoneSet(phones: readonly string[] | undefined): ReadonlySet<string> {
  return new Set((phones ?? []).map(phoneKey).filter((k) => k.length >= 5));
}
