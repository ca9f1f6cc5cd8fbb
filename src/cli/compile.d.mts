/** The compiled CLI's entry URL, compiled first when missing or older than its sources. */
export function compiledCli(): Promise<string>;
/** Bundles the CLI into lib/cli/ (`clean` empties it first). */
export function compile(options?: { clean?: boolean }): Promise<void>;
