/** Shared state of one parseTimeLimit run: the text, its clauses, and the spans already claimed by rules. */
import { NUMBER_SOURCE } from './numerals.ts';
import type { Rule, Span } from './types.ts';

/** Builds a global regex where the token NUM stands for one captured number. */
export function numberRegex(source: string): RegExp {
  return new RegExp(source.replaceAll('NUM', `(${NUMBER_SOURCE})`), 'g');
}

const CLAUSE_SEPARATOR = /[，,；;。\n]/;

export class Scan {
  readonly rules: Rule[] = [];

  constructor(readonly text: string) {}

  /** True when [start, end) overlaps no rule found so far. */
  isFree(start: number, end: number): boolean {
    return this.rules.every((r) => (end <= r.span.start || start >= r.span.end) && (r.kind !== 'periodic' || !r.dueSpan || end <= r.dueSpan.start || start >= r.dueSpan.end));
  }

  add(rule: Rule): void {
    this.rules.push(rule);
  }

  /** Start of the clause holding position `at` (clauses end at ，；。 and line breaks). */
  clauseStart(at: number): number {
    for (let i = at - 1; i >= 0; i--) {
      if (CLAUSE_SEPARATOR.test(this.text[i] ?? '')) return i + 1;
    }
    return 0;
  }

  clauseEnd(at: number): number {
    for (let i = at; i < this.text.length; i++) {
      if (CLAUSE_SEPARATOR.test(this.text[i] ?? '')) return i;
    }
    return this.text.length;
  }

  /**
   * Where the words leading up to `at` begin: the clause start, or the end of a rule already
   * found earlier in the same clause. Used to read a trigger (信息形成或者变更之日起) or a subject.
   */
  leadStart(at: number): number {
    let start = this.clauseStart(at);
    for (const r of this.rules) {
      if (r.span.end <= at && r.span.end > start) start = r.span.end;
    }
    return start;
  }

  /** True when the clause around `at` already holds a rule of one of these kinds. */
  clauseHas(at: number, kinds: Rule['kind'][]): boolean {
    const start = this.clauseStart(at);
    const end = this.clauseEnd(at);
    return this.rules.some((r) => kinds.includes(r.kind) && r.span.start < end && r.span.end > start);
  }
}

/** Every match of a global regex with its span. */
export function* matches(re: RegExp, text: string): Generator<{ m: RegExpExecArray; span: Span }> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    yield { m, span: { start: m.index, end: m.index + m[0].length } };
  }
}
