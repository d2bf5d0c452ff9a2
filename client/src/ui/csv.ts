import type { Client } from 'urql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { t } from '../i18n/index.js';

const hiddenMark = () => t('hidden.mark');

/**
 * CSV export of what a table shows. Files open cleanly in Excel and LibreOffice: UTF-8 with a BOM,
 * CRLF line ends, RFC 4180 quoting. A cell that a spreadsheet would run as a formula (=, +, -, @,
 * tab, CR at the start) is prefixed with an apostrophe: customers type complaint subjects, and a
 * file exported from Rapport must not execute what they typed (OWASP "CSV injection").
 */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // Numbers are data, never formulas, even when negative.
  let text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  if (/[",\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function toCsv<Row>(columns: CsvColumn<Row>[], rows: Row[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function downloadCsv(filename: string, csv: string) {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "complaints-2026-12-05.csv": the export's subject and the day it was taken. */
export function csvFilename(subject: string, at = new Date()): string {
  return `${subject}-${at.toISOString().slice(0, 10)}.csv`;
}

export interface Page<Node> {
  edges: Array<{ node: Node }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every row of a cursor-paged list, page by page, up to `limit` rows (the rest is reported, not dropped silently). */
export async function allPages<Node>(fetchPage: (after: string | null) => Promise<Page<Node>>, limit = 10_000): Promise<{ rows: Node[]; truncated: boolean }> {
  const rows: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<Node> = await fetchPage(after);
    rows.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return { rows, truncated: false };
    if (rows.length >= limit) return { rows: rows.slice(0, limit), truncated: true };
    after = page.pageInfo.endCursor;
  }
}

/**
 * Every row of a list the user is looking at, with the page's current filters: pages through the
 * connection `pick` finds in the query's result (100 at a time, from the network) until it ends.
 */
export function loadConnection<Data, Vars extends { first: number; after?: string | null }, Node>(
  client: Client,
  query: TypedDocumentNode<Data, Vars>,
  variables: Omit<Vars, 'first' | 'after'>,
  pick: (data: Data) => Page<Node>,
  pageSize = 100,
): Promise<{ rows: Node[]; truncated: boolean }> {
  return allPages((after) =>
    client
      .query(query, { ...variables, first: pageSize, after } as unknown as Vars, { requestPolicy: 'network-only' })
      .toPromise()
      .then((r) => {
        if (!r.data) throw new Error(r.error?.message ?? 'no data');
        return pick(r.data);
      }),
  );
}

/**
 * A figure for the file: the number, or — when the server hid it under the anonymity rules — the
 * same "hidden" mark the page shows, never a number and never an empty cell that reads as zero.
 */
export function csvFigure(value: number | null | undefined, suppressed: string | null | undefined): string | number | null {
  if (value != null) return value;
  return suppressed ? hiddenMark() : null;
}
