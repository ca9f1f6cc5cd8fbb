/** Where a JSON text stops being JSON, and why, as an offset: JSON.parse names no position for some mistakes. */
export interface JsonProblem {
  offset: number;
  message: string;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold them raw
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/**
 * Parses a JSON text (RFC 8259: no comments, no trailing commas) into its value, or the first place where it
 * is not JSON with a message that says what was expected there.
 */
export function parseJson(text: string): { value: unknown } | { problem: JsonProblem } {
  let i = 0;
  const fail = (message: string): never => {
    throw { offset: i, message } satisfies JsonProblem;
  };
  const found = () => (i >= text.length ? 'the end of the file' : JSON.stringify(text[i]));
  const space = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const token = (re: RegExp) => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m) i += m[0].length;
    return m !== null;
  };
  const string = (what: string) => {
    if (text[i] !== '"') fail(`expected ${what} in double quotes, found ${found()}`);
    if (!token(STRING)) {
      // Find the bad character for the message.
      let k = i + 1;
      while (k < text.length && text[k] !== '"' && text[k] !== '\n') k += text[k] === '\\' ? 2 : 1;
      i = k;
      fail(text[k] === '"' ? 'a bad escape in this string' : 'a string left open: close it with "');
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        string('a key');
        space();
        if (text[i] !== ':') fail(`expected ":" after the key, found ${found()}`);
        i++;
        value();
        space();
        if (text[i] === ',') {
          const comma = i++;
          space();
          if (text[i] === '}') {
            i = comma;
            fail('a comma before "}": JSON allows none, remove it');
          }
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected "," or "}" after the value, found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ',') {
          const comma = i++;
          space();
          if (text[i] === ']') {
            i = comma;
            fail('a comma before "]": JSON allows none, remove it');
          }
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected "," or "]" after the value, found ${found()}`);
      }
    }
    if (c === '"') string('a string');
    else if (!token(NUMBER) && !token(/true|false|null/y))
      fail(
        `expected a value (a "string", a number, true, false, null, [ or {), found ${found()}${c === "'" ? ': JSON quotes with "' : ''}`,
      );
  };
  try {
    value();
    space();
    if (i < text.length) fail(`expected the end of the file after the value, found ${found()}`);
  } catch (e) {
    if (e && typeof e === 'object' && 'offset' in e) return { problem: e as JsonProblem };
    throw e;
  }
  return { value: JSON.parse(text) as unknown };
}
