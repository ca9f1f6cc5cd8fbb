/** What the compiler may ask of the outside world; the Node edge implements it over the file system. */
export interface CompileHost {
  /** Whether a file exists, given a path relative to the project root. */
  exists(path: string): boolean;
  /** A text file's content relative to the project root, or undefined when it does not exist. */
  readText(path: string): string | undefined;
}

/** An in-memory host for tests and tools: a map from root-relative path to content. */
export function memoryHost(files: Record<string, string> = {}): CompileHost {
  return {
    exists: (path) => path in files,
    readText: (path) => files[path],
  };
}
