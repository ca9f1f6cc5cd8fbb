import { describe, expect, it } from 'vitest';
import { groupThousands } from '../../src/blocks/table/format.ts';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { compile, dom, fixture } from './helpers.ts';

const deck = (spec: string) => compile({ 'docs/a.md': `# t\n\n\`\`\`table\n${spec}\n\`\`\`\n` });
const problems = (spec: string) => deck(spec).diagnostics.map(formatDiagnostic);
const cells = (doc: Document) =>
  [...doc.querySelectorAll('.table-data tbody tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((c) => c.textContent),
  );

describe('```table', () => {
  it('formats numbers with thousands separators and decimals, percents and text, each aligned', () => {
    const doc = dom(fixture('blocks-deck'));
    const [first] = doc.querySelectorAll('[data-block="table"]');
    expect(first?.getAttribute('data-narrow-mode')).toBe('scroll');
    expect([...first!.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Industry',
      'Outputbn',
      'Share',
      'Growth',
      'Firms',
      'Jobs',
      'Exportsbn',
      'Region',
    ]);
    const rows = [...first!.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => [c.textContent, c.getAttribute('class')]),
    );
    expect(rows[0]).toEqual([
      ['Information technology', 'table-left'],
      ['5,187.9', 'table-right'],
      ['34.2%', 'table-right'],
      ['9.5%', 'table-right'],
      ['1,204', 'table-right'],
      ['183,400', 'table-right'],
      ['312.46', 'table-right'],
      ['North district', 'table-center'],
    ]);
    expect(first?.querySelector('.table-source')?.textContent).toBe(
      'Source: city statistics bureau (fixture data)',
    );
    expect(first?.querySelector('figcaption')?.textContent).toBe('Output by industry, 2024');
    expect(first?.querySelector('.table-scroll')?.getAttribute('tabindex')).toBe('0');
  });

  it('reads CSV rows (quoted cells, empty cells, negative numbers) as it reads YAML rows', () => {
    const doc = dom(fixture('blocks-deck'));
    const second = doc.querySelectorAll('[data-block="table"]')[1]!;
    expect(
      [...second.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
    ).toEqual([
      ['Alpha', '1,234,567.89', '12.3%'],
      ['Beta, Inc.', '-42.00', '0.5%'],
      ['Gamma', '—', '100.0%'],
    ]);
    expect(fixture('blocks-deck').diagnostics).toEqual([]);
  });

  it('takes rows as lists in column order', () => {
    const doc = dom(
      deck('columns: [{title: a}, {title: b, format: number}]\nrows:\n  - [x, 1000]\n  - [y, "2,500"]'),
    );
    expect(cells(doc)).toEqual([
      ['x', '1,000'],
      ['y', '2,500'],
    ]);
  });

  it('groups thousands whatever the locale, rounding only when asked', () => {
    expect(groupThousands(1234567.891, 2)).toBe('1,234,567.89');
    expect(groupThousands(999.95, 1)).toBe('1,000.0');
    expect(groupThousands(-1234)).toBe('-1,234');
    expect(groupThousands(-0.001, 1)).toBe('0.0');
    expect(groupThousands(12.5)).toBe('12.5');
    // Half up as written, not as stored in binary (18.65 is 18.6499… there).
    expect(groupThousands(18.65, 1)).toBe('18.7');
    expect(groupThousands(1.005, 2)).toBe('1.01');
    expect(groupThousands(-2.675, 2)).toBe('-2.68');
  });

  it('reports a bad cell at its line and column, in YAML and in CSV', () => {
    expect(problems('columns: [{title: a}, {title: b, format: number}]\nrows:\n  - [x, lots]')).toEqual([
      'docs/a.md:6:9: table: column "b" holds numbers; got "lots": write a number such as 1234.5 (or leave it empty)',
    ]);
    expect(
      problems('columns: [{title: a}, {title: b, format: percent}]\ncsv: |\n  x, 1\n  y,  half'),
    ).toEqual([
      'docs/a.md:7:7: table: column "b" holds percents; got "half": write a number such as 12.5 (or leave it empty)',
    ]);
  });

  it('reports unknown keys and columns with a suggestion, and rows of the wrong length', () => {
    expect(problems('colums: [{title: a}]\nrows: [[x]]')).toEqual([
      'docs/a.md:4:1: table: the spec needs "columns": add columns: …',
      'docs/a.md:4:1: table: unknown key "colums" in the spec: did you mean "columns"? known keys are caption, columns, rows, csv, file, source',
    ]);
    expect(problems('columns: [{title: a, key: name}]\nrows:\n  - {nmae: x}')).toEqual([
      'docs/a.md:6:6: table: row 1 has no column "nmae": did you mean "name"? columns are name',
    ]);
    expect(problems('columns: [{title: a}, {title: b}]\nrows:\n  - [x]')).toEqual([
      'docs/a.md:6:5: table: row 1 has 1 cells but there are 2 columns: give one per column (empty for none)',
    ]);
    expect(problems('columns: [{title: a, format: money}]\nrows: [[x]]')).toEqual([
      expect.stringMatching(
        /^docs\/a\.md:4:30: table: columns\[0\]\.format must be one of text, number, percent; got "money"/,
      ),
    ]);
  });

  it('reads rows from a data file beside the slides, CSV or YAML, and marks it for the dev server to watch', () => {
    const deck = fixture('table-files', 'en');
    expect(deck.diagnostics).toEqual([]);
    const [csv, yaml] = [...dom(deck).querySelectorAll('[data-block="table"]')].map((t) =>
      [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
    );
    expect(csv).toEqual([
      ['North Gate', '12,040', '41.3%'],
      ['Harbour, East', '9,875', '33.8%'],
      ['Mill Lane', '—', '25.0%'],
    ]);
    expect(yaml).toEqual([
      ['Loop', '12.3'],
      ['Express', '30.0'],
    ]);
    expect(deck.dependencies).toEqual(
      expect.arrayContaining(['slides/data/stations.csv', 'slides/data/routes.yaml']),
    );
  });

  it('reports a data file that is missing, unreadable or holds a bad row at its file, line and column', () => {
    const deck = fixture('table-files-broken', 'en');
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([
      'slides/01-broken.md:5:7: table: slides/data/nowhere.csv does not exist (resolved from "data/nowhere.csv" relative to slides/01-broken.md); create it or fix the path',
      'slides/01-broken.md:32:7: table: "file" must name a .csv or .yaml file (rows, one per line or a list); got "data/rows.txt"',
      'slides/01-broken.md:42:1: table: give the rows one way, not rows and file: rows: (YAML), csv: | (CSV) or file: (a data file)',
      'slides/data/bad.csv:2:1: table: row 2 has 3 cells but there are 2 columns: give one per column (empty for none)',
      'slides/data/bad.csv:3:4: table: column "b" holds numbers; got "lots": write a number such as 1234.5 (or leave it empty)',
      'slides/data/map.yaml:1:1: table: slides/data/map.yaml must be a list of rows (each a list of cells, or a map by column key)',
    ]);
    // A file that does not exist yet is watched too: creating it rebuilds the deck.
    expect(deck.dependencies).toContain('slides/data/nowhere.csv');
    expect(dom(deck).querySelectorAll('[data-block="table"]')).toHaveLength(0);
  });

  it('reports a YAML data file that does not parse at its line and column in the file', () => {
    const broken = compile(
      { 'docs/a.md': '# t\n\n```table\ncolumns: [{title: a}]\nfile: rows.yaml\n```\n' },
      { 'docs/rows.yaml': '- [x]\n- [y\n' },
    );
    expect(broken.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^docs\/rows\.yaml:2:\d+: table: docs\/rows\.yaml is not valid YAML \(.+\): fix it/,
      ),
    ]);
  });

  it('refuses a data file outside the project', () => {
    expect(problems('columns: [{title: a}]\nfile: ../../secret.csv')).toEqual([
      expect.stringMatching(/^docs\/a\.md:5:7: table: \.\.\/secret\.csv is outside the project folder/),
    ]);
  });

  it('escapes every string from the spec', () => {
    const html = deck(
      'columns: [{title: "<b>a</b>"}]\nrows: [["<img src=x onerror=alert(1)>"]]\nsource: "<i>s</i>"',
    ).html;
    expect(html).not.toMatch(/<img|<b>|<i>/);
  });
});
