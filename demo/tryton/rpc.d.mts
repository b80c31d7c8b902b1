export interface TrytonSession {
  login: string;
  user_id: number;
  session: string;
}
// Types for rpc.mjs. Results are whatever the method returns: the caller knows its shape.
export interface TrytonClient {
  call<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  model<T = unknown>(model: string, method: string, ...args: unknown[]): Promise<T>;
  login(login?: string, password?: string): Promise<TrytonSession>;
}
export function trytonClient(origin: string, database: string): TrytonClient;
export function date(iso: string): { __class__: 'date'; year: number; month: number; day: number };
export function decimal(text: string): { __class__: 'Decimal'; decimal: string };
