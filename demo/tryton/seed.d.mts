// Types for seed.mjs.
import type { Tryton } from './server.mjs';
export const HOSTILE_NAME: string;
export const LONG_NAME: string;
export interface Seeded {
  id: number;
  name: string;
}
export interface TrytonSeed {
  parties: Record<'contoso' | 'alice' | 'bob' | 'carol' | 'hostile' | 'long', Seeded>;
  opportunity: Seeded;
}
export function seedTryton(tryton: Tryton): Promise<TrytonSeed>;
