/** POSIX path helpers on strings, so the compiler runs without Node's fs or path. */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i) || '/';
}

export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return (path.startsWith('/') ? '/' : '') + out.join('/');
}

/** Resolves `ref` written in `fromFile` to a path relative to the project root. */
export function resolveFrom(fromFile: string, ref: string): string {
  return normalize(ref.startsWith('/') ? ref.slice(1) : `${dirname(fromFile)}/${ref}`);
}

export function isExternalUrl(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//') || ref.startsWith('#');
}

/** Whether a root-relative path (from `resolveFrom`) leaves the project: such a file is never read or published. */
export function outsideRoot(path: string): boolean {
  return path === '..' || path.startsWith('../') || path.startsWith('/');
}
