import { jsonValueLines, lineOf } from './json-lines';

describe('jsonValueLines', () => {
  const text = ['{', '  "a": 1,', '  "b": {', '    "c": "x\\"y",', '    "d": [', '      10,', '      { "e": true }', '    ]', '  }', '}'].join('\n');
  const lines = jsonValueLines(text);

  it('gives the line of every value by path', () => {
    expect([lineOf(lines, []), lineOf(lines, ['a']), lineOf(lines, ['b', 'c']), lineOf(lines, ['b', 'd', 0]), lineOf(lines, ['b', 'd', 1, 'e'])]).toEqual([1, 2, 4, 6, 7]);
  });

  it('falls back to the nearest ancestor for a path not in the text (a missing or unknown key)', () => {
    expect(lineOf(lines, ['b', 'd', 1, 'missing'])).toBe(7);
    expect(lineOf(lines, ['nothing', 'here'])).toBe(1);
  });
});
