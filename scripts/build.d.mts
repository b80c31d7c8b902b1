// Types for build.mjs.
export function buildExtensionTo(
  outDir: string,
  options?: { grantHosts?: string[]; filterEntrypoints?: string[] },
): Promise<string>;
