import { describe, expect, it } from 'vitest';
import { allPages, csvCell, toCsv } from './csv.js';

describe('CSV export', () => {
  it('should quote separators, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('should defuse text a spreadsheet would run as a formula, but keep negative numbers as numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-33.3)).toBe('-33.3');
  });

  it('should write a header and one CRLF-terminated line per row', () => {
    const csv = toCsv([{ header: 'Name', value: (r: { n: string; v: number | null }) => r.n }, { header: 'Value', value: (r) => r.v }], [
      { n: 'A', v: 1 },
      { n: 'B', v: null },
    ]);
    expect(csv).toBe('Name,Value\r\nA,1\r\nB,\r\n');
  });

  it('should read every page and stop at the limit, saying so', async () => {
    const pages = [
      { edges: [{ node: 1 }, { node: 2 }], pageInfo: { hasNextPage: true, endCursor: 'a' } },
      { edges: [{ node: 3 }, { node: 4 }], pageInfo: { hasNextPage: true, endCursor: 'b' } },
      { edges: [{ node: 5 }], pageInfo: { hasNextPage: false, endCursor: 'c' } },
    ];
    const cursors: Array<string | null> = [];
    const fetchPage = async (after: string | null) => {
      cursors.push(after);
      return pages[cursors.length - 1]!;
    };
    expect(await allPages(fetchPage)).toEqual({ rows: [1, 2, 3, 4, 5], truncated: false });
    expect(cursors).toEqual([null, 'a', 'b']);
    cursors.length = 0;
    expect(await allPages(fetchPage, 3)).toEqual({ rows: [1, 2, 3], truncated: true });
  });
});
