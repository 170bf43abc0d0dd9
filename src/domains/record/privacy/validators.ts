/**
 * Structural checks for the three kinds of personal numbers. Each takes the bare characters
 * (digits, and X for an ID check character), already folded to ASCII.
 */

/**
 * Province-level prefixes of GB/T 2260 region codes as they appear in resident ID numbers,
 * plus 81/82/83 used by the residence permits of Hong Kong, Macao and Taiwan residents.
 * A number whose first two digits are not one of these cannot be a resident ID.
 */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits of an 18-digit ID. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK_CHARS[sum % 11] as string;
}

function isValidRegion(code: string): boolean {
  return PROVINCE_PREFIXES.has(code.slice(0, 2));
}

/**
 * A real calendar date, not before 1850 (the GB 11643 worked example is born in 1880) and
 * not after `today`: a birth date cannot lie in the future (one day of slack for time zones).
 */
function isValidBirthDate(year: number, month: number, day: number, today: Date): boolean {
  if (year < 1850 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return date.getTime() <= today.getTime() + 86_400_000;
}

export function isValidId18(value: string, today: Date = new Date()): boolean {
  if (!/^\d{17}[\dXx]$/.test(value) || !isValidRegion(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (!isValidBirthDate(year, month, day, today)) return false;
  return idCheckChar(value.slice(0, 17)) === (value[17] as string).toUpperCase();
}

/** Legacy 15-digit IDs (issued until 1999): region, YYMMDD in the 1900s, 3-digit sequence. */
export function isValidId15(value: string, today: Date = new Date()): boolean {
  if (!/^\d{15}$/.test(value) || !isValidRegion(value)) return false;
  const year = 1900 + Number(value.slice(6, 8));
  const month = Number(value.slice(8, 10));
  const day = Number(value.slice(10, 12));
  return isValidBirthDate(year, month, day, today);
}

/** Mainland mobile numbers: 11 digits, 1 then 3–9 (all current operator segments). */
export function isValidMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Issuer prefixes we accept for a bank card: 3 (JCB, Diners, Amex), 4 (Visa), 5 (Mastercard,
 * some domestic debit), 6 (UnionPay 62, Discover and many domestic BINs), 95 (old domestic debit
 * cards such as ICBC 9558) and Mastercard's 2221–2720 range. Anything else — notably numbers
 * starting with 0, 1, 7, 8 or 20xx dates — is an order number, timestamp or serial, not a card.
 */
function hasPlausibleBin(digits: string): boolean {
  const first = digits[0];
  if (first === '3' || first === '4' || first === '5' || first === '6') return true;
  if (digits.startsWith('95')) return true;
  const four = Number(digits.slice(0, 4));
  return four >= 2221 && four <= 2720;
}

export function isValidBankCard(digits: string): boolean {
  return /^\d{16,19}$/.test(digits) && hasPlausibleBin(digits) && passesLuhn(digits);
}
