// Types for spa.mjs.
export function viewSource(view: object): string;
export function spaScript(view: object): string;
