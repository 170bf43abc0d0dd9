/**
 * The shape of a staff member's to-dos (工作台): each domain answers its own sections, the app
 * puts them together once per request, and the layout shows the total beside “工作台”.
 */
import type { FastifyRequest } from 'fastify';

export interface TodoEntry {
  label: string;
  /** A short second line: a date, a status, who asked. */
  detail?: string;
  /** The page that resolves it. */
  href: string;
}

export interface TodoSection {
  key: string;
  title: string;
  count: number;
  /** The first few, most urgent first; `count` may be larger. */
  entries: TodoEntry[];
  /** Where the whole list is. */
  more: { href: string; label: string };
  /** What the section says when there is nothing to do, in plain words. */
  empty: string;
}

/** Entries shown per section on the workday; the count is always the full one. */
export const TODO_ENTRIES = 8;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once per staff page by the app (see app/workday), read by the layout and the workday. */
    todos?: TodoSection[];
  }
}

export const todoTotal = (sections: readonly TodoSection[] | undefined): number | null => (sections ? sections.reduce((n, s) => n + s.count, 0) : null);

export const todosOf = (request: FastifyRequest): TodoSection[] | undefined => request.todos;
