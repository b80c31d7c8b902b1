/**
 * Whether `e` (or what caused it) is the browser saying that the extension's storage is full:
 * IndexedDB's QuotaExceededError, on the request or when its transaction commits.
 */
export function isQuotaError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 4; depth++) {
    if ((x as { name?: unknown }).name === 'QuotaExceededError') return true;
    x = (x as { cause?: unknown }).cause ?? (x as { error?: unknown }).error;
  }
  return false;
}
