// Types for server.mjs.
import type { TrytonClient, TrytonSession } from './rpc.mjs';
export const SAO_ROOT: string;
export const MODULES: string[];
export const ADMIN_PASSWORD: string;
export interface Tryton {
  origin: string;
  database: string;
  dir: string;
  rpc: TrytonClient;
  url(model: string, id?: number): string;
  session(): Promise<TrytonSession>;
  log(): string;
  close(): Promise<void>;
}
export function startTryton(options?: { database?: string }): Promise<Tryton>;
