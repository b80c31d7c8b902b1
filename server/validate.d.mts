// Types of validate.mjs: the team's validate_doc_update function and its design document.

/** `_design/team-rules`. */
export const DESIGN_DOC_ID: string;
/** `connections-admin`: the `_users` role that lets a member change connection roles. */
export const ROLE_ADMIN: string;
/** The exact `reason` of the 403 refusing a role change to a member without ROLE_ADMIN. */
export const ROLE_REFUSAL: string;
/** The function's source: plain ES5, for CouchDB's JavaScript engine. */
export const VALIDATE_DOC_UPDATE: string;
export function teamRulesDesignDoc(): { _id: string; language: 'javascript'; validate_doc_update: string };
