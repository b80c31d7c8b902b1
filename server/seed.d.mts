export function seedConnection(i: number, prefix?: string): Record<string, unknown> & { _id: string };
export function seedDatabase(o: {
  url: string;
  database: string;
  auth: string;
  count: number;
  prefix?: string;
}): Promise<void>;
