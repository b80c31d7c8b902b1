// The team's rules for what may be written to its database, as one CouchDB validate_doc_update
// function. team-setup.mjs installs it as `_design/team-rules` at every start; for Apache CouchDB 3
// or Cloudant, `node server/validate.mjs > team-rules.json` prints the same design document to
// PUT there (server/README.md, last section).
//
// The function is kept as source text, plain ES5 (no arrow functions, let/const, template strings
// or anything newer), because CouchDB runs it in its own JavaScript engine (SpiderMonkey or
// QuickJS), not in Node. It mirrors the extension's own checks of a pulled document (lib/model/
// documents.ts ConnectionDocSchema and RoleDocSchema, lib/model/limits.ts, lib/sync/remote-doc.ts),
// so that nothing every client would refuse is stored, and adds what only a server can check:
// who wrote a change, and who may change roles. validate.test.ts holds both to the same cases.
import { pathToFileURL } from 'node:url';
import path from 'node:path';

export const DESIGN_DOC_ID = '_design/team-rules';

/** The `_users` role (in a user document's `roles`) that lets a member change connection roles. */
export const ROLE_ADMIN = 'connections-admin';

/** The exact reason of the refusal of a role change by a member without ROLE_ADMIN. */
export const ROLE_REFUSAL = 'Only members with the connections-admin role may change connection roles.';

export const VALIDATE_DOC_UPDATE = String.raw`function (newDoc, oldDoc, userCtx, secObj) {
  // Team rules of the "Connections for any CRM" database (server/validate.mjs).
  var ROLE_ADMIN = 'connections-admin';
  var ID = /^[A-Za-z0-9_.:-]{1,100}$/;
  var TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
  var DAY_MS = 24 * 60 * 60 * 1000;
  var CATEGORIES = ['Business', 'Family', 'Social', 'Sales', 'Service', 'Stakeholder', 'Sales Team', 'Other'];
  var TENANT_WIDE_IDS = ['dynamics365', 'salesforce'];
  var END_FIELDS = ['crm', 'tenant', 'entityType', 'recordId', 'name', 'url'];
  var CONNECTION_FIELDS = ['type', 'schema', 'from', 'fromRoleId', 'to', 'toRoleId', 'description', 'owner',
    'effectiveStart', 'effectiveEnd', 'status', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];
  var ROLE_FIELDS = ['type', 'schema', 'name', 'category', 'description', 'matchingRoleIds', 'appliesTo', 'active',
    'builtIn', 'createdAt', 'updatedAt'];
  var TOMBSTONE_FIELDS = ['type', 'schema', 'deleted', 'updatedAt', 'updatedBy'];
  var SPECIAL_FIELDS = ['_id', '_rev', '_revisions', '_deleted'];

  function refuse(field, what) {
    throw({forbidden: field + ': ' + what});
  }
  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }
  function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
  function quoted(value) {
    return typeof value === 'string' ? '"' + value + '"' : String(value);
  }
  // Free text, trimmed before its length is counted (as the extension's text()/requiredText()).
  function text(value, field, max, required) {
    if (typeof value !== 'string') refuse(field, 'must be text.');
    var trimmed = value.trim();
    if (required && trimmed.length === 0) refuse(field, 'is required.');
    if (trimmed.length > max) refuse(field, 'is ' + trimmed.length + ' characters long; the limit is ' + max + '.');
    return trimmed;
  }
  function optionalText(doc, key, field, max) {
    return has(doc, key) ? text(doc[key], field, max, false) : '';
  }
  function id(value, field) {
    if (typeof value !== 'string' || !ID.test(value)) {
      refuse(field, 'must be an id of 1-100 letters, digits, "-", "_", ":" or ".".');
    }
  }
  function daysIn(year, month) {
    if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
    return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  }
  // An ISO 8601 moment with its zone; read by hand, so no engine's Date.parse decides. Returns ms.
  function timestamp(value, field) {
    var m = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
    if (!m) refuse(field, 'must be a date and time with its zone, like 2026-11-26T10:00:00.000Z.');
    var year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
    var hour = Number(m[4]), minute = Number(m[5]), second = m[6] ? Number(m[6]) : 0;
    var ms = m[7] ? Number((m[7] + '00').substring(0, 3)) : 0;
    var offset = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 ||
        second > 59 || (m[8] !== 'Z' && (Number(m[10]) > 23 || Number(m[11]) > 59))) {
      refuse(field, 'must be a real date and time.');
    }
    var at = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60000;
    // The conflict rule lets the later updatedAt win: a time far ahead would win forever, and
    // every client refuses a time more than a day ahead of its own clock.
    if (at > new Date().getTime() + DAY_MS) {
      refuse(field, 'timestamp ' + value + ' is more than a day ahead of the server clock (' +
        new Date().toISOString() + ').');
    }
    return at;
  }
  // A calendar date YYYY-MM-DD, or null (also for absent and empty text). Returns it trimmed.
  function date(doc, key) {
    if (!has(doc, key) || doc[key] === null) return null;
    if (typeof doc[key] !== 'string') refuse(key, 'must be a real date written YYYY-MM-DD, or null.');
    var s = doc[key].trim();
    if (s === '') return null;
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 ||
        Number(m[3]) > daysIn(Number(m[1]), Number(m[2]))) {
      refuse(key, 'must be a real date written YYYY-MM-DD, or null.');
    }
    return s;
  }
  // http(s) with a host, or mailto: as the extension's UrlSchema (a little more lenient than a
  // full URL parser about what a host may contain).
  function url(value, field) {
    if (typeof value !== 'string') refuse(field, 'must be text.');
    var s = value.trim();
    if (s.length > 4096) refuse(field, 'is longer than 4096 characters.');
    var m = /^(https?|mailto):([\s\S]*)$/i.exec(s.replace(/[\t\n\r]/g, ''));
    if (m && m[1].toLowerCase() === 'mailto') return;
    var host = m ? m[2].replace(/^[\/\\]*/, '').split(/[\/\\?#]/)[0] : '';
    host = host.slice(host.lastIndexOf('@') + 1).replace(/:\d*$/, '');
    if (!m || host === '' || /[\s\u0000-\u001f\u007f]/.test(host)) {
      refuse(field, 'must be a complete http(s) address.');
    }
  }
  function onlyFields(doc, allowed, kind) {
    for (var key in doc) {
      if (!has(doc, key)) continue;
      if (key.charAt(0) === '_') {
        if (key === '_attachments') refuse(key, 'documents of this database carry no attachments.');
        if (SPECIAL_FIELDS.indexOf(key) === -1) refuse(key, 'is not a field of a ' + kind + '.');
      } else if (allowed.indexOf(key) === -1) {
        refuse(key, 'is not a field of a ' + kind + '.');
      }
    }
  }
  function end(value, field) {
    if (!isPlainObject(value)) refuse(field, 'must be a record: {crm, tenant, entityType, recordId, name, url}.');
    for (var key in value) {
      if (has(value, key) && END_FIELDS.indexOf(key) === -1) refuse(field + '.' + key, 'is not a field of a record.');
    }
    var crm = text(value.crm, field + '.crm', 40, true);
    if (!/^[a-z0-9-]+$/.test(crm)) refuse(field + '.crm', 'must be an adapter id (a-z, 0-9, "-").');
    var tenant = text(value.tenant, field + '.tenant', 512, true);
    var entityType = text(value.entityType, field + '.entityType', 512, true);
    var recordId = text(value.recordId, field + '.recordId', 512, true);
    text(value.name, field + '.name', 1000, false);
    url(value.url, field + '.url');
    // The parts of the extension's record key: ids of these CRMs are unique across record types.
    var typePart = TENANT_WIDE_IDS.indexOf(crm) !== -1 ? '*' : entityType.toLowerCase();
    return [crm, tenant.toLowerCase(), typePart, recordId];
  }
  function checkConnection(doc) {
    onlyFields(doc, CONNECTION_FIELDS, 'connection');
    var from = end(doc.from, 'from');
    if (!has(doc, 'fromRoleId')) refuse('fromRoleId', 'is required (a role id, or null).');
    if (doc.fromRoleId !== null) id(doc.fromRoleId, 'fromRoleId');
    var to = end(doc.to, 'to');
    if (!has(doc, 'toRoleId')) refuse('toRoleId', 'is required (a role id, or null).');
    if (doc.toRoleId !== null) id(doc.toRoleId, 'toRoleId');
    if (from[0] === to[0] && from[1] === to[1] && from[2] === to[2] && from[3] === to[3]) {
      refuse('to', 'a record cannot be connected to itself.');
    }
    optionalText(doc, 'description', 'description', 2000);
    optionalText(doc, 'owner', 'owner', 200);
    var start = date(doc, 'effectiveStart');
    var stop = date(doc, 'effectiveEnd');
    if (start !== null && stop !== null && stop < start) refuse('effectiveEnd', 'is before effectiveStart.');
    if (doc.status !== 'active' && doc.status !== 'inactive') refuse('status', 'must be "active" or "inactive".');
    timestamp(doc.createdAt, 'createdAt');
    optionalText(doc, 'createdBy', 'createdBy', 254);
    timestamp(doc.updatedAt, 'updatedAt');
    optionalText(doc, 'updatedBy', 'updatedBy', 254);
  }
  function checkRole(doc) {
    onlyFields(doc, ROLE_FIELDS, 'role');
    text(doc.name, 'name', 100, true);
    if (CATEGORIES.indexOf(doc.category) === -1) refuse('category', 'must be one of: ' + CATEGORIES.join(', ') + '.');
    optionalText(doc, 'description', 'description', 1000);
    if (!Array.isArray(doc.matchingRoleIds)) refuse('matchingRoleIds', 'must be a list of role ids.');
    if (doc.matchingRoleIds.length > 50) refuse('matchingRoleIds', 'may list at most 50 roles.');
    for (var i = 0; i < doc.matchingRoleIds.length; i++) id(doc.matchingRoleIds[i], 'matchingRoleIds.' + i);
    if (!Array.isArray(doc.appliesTo)) refuse('appliesTo', 'must be a list of record types.');
    if (doc.appliesTo.length > 100) refuse('appliesTo', 'may list at most 100 record types.');
    for (var j = 0; j < doc.appliesTo.length; j++) text(doc.appliesTo[j], 'appliesTo.' + j, 120, true);
    if (typeof doc.active !== 'boolean') refuse('active', 'must be true or false.');
    if (has(doc, 'builtIn') && typeof doc.builtIn !== 'boolean') refuse('builtIn', 'must be true or false.');
    timestamp(doc.createdAt, 'createdAt');
    timestamp(doc.updatedAt, 'updatedAt');
  }
  function checkTombstone(doc, kind) {
    onlyFields(doc, TOMBSTONE_FIELDS, kind + ' tombstone');
    timestamp(doc.updatedAt, 'updatedAt');
    if (has(doc, 'updatedBy') && (typeof doc.updatedBy !== 'string' || doc.updatedBy.length > 254)) {
      refuse('updatedBy', 'must be text of at most 254 characters.');
    }
  }
  function by(value) {
    return typeof value === 'string' ? value.trim() : '';
  }

  var docId = String(newDoc._id);
  // Design documents: CouchDB's own rule (database admins only) decides; CouchDB and PouchDB
  // Server do not even call this function for them, nor for _local documents.
  if (docId.indexOf('_design/') === 0 || docId.indexOf('_local/') === 0) return;

  var roles = userCtx && userCtx.roles ? userCtx.roles : [];
  var isServerAdmin = roles.indexOf('_admin') !== -1;
  var name = userCtx ? userCtx.name : null;
  var deleting = newDoc._deleted === true;

  var match = /^(connection|role):([\s\S]*)$/.exec(docId);
  if (!match || !ID.test(match[2])) {
    // Server admins may delete anything (documents from before these rules, say); deleting
    // stores no data.
    if (deleting && isServerAdmin) return;
    if (!match) refuse('_id', 'must be "connection:<id>" or "role:<id>".');
    refuse('_id', 'the id after "' + match[1] + ':" must be 1-100 letters, digits, "-", "_", ":" or ".".');
  }
  var kind = match[1];

  if (kind === 'role' && !isServerAdmin && roles.indexOf(ROLE_ADMIN) === -1) {
    throw({forbidden: 'Only members with the connections-admin role may change connection roles.'});
  }
  // A plain CouchDB delete ({_id, _rev, _deleted: true}) carries nothing to check.
  if (deleting) return;

  if (newDoc.type !== kind) refuse('type', 'must be "' + kind + '" for an id starting "' + kind + ':".');
  if (newDoc.schema !== 1) refuse('schema', 'must be the number 1.');
  var tombstone = has(newDoc, 'deleted');
  if (tombstone && newDoc.deleted !== true) refuse('deleted', 'must be true (a deletion) or absent.');
  if (tombstone) checkTombstone(newDoc, kind);
  else if (kind === 'connection') checkConnection(newDoc);
  else checkRole(newDoc);

  // Provenance: a connection's change names who made it, checked against who sends it. Server
  // admins repair data and may write any names.
  if (kind !== 'connection' || isServerAdmin) return;
  if (by(newDoc.updatedBy) !== name) refuse('updatedBy', 'must be your user name, ' + quoted(name) + '.');
  if (tombstone) return;
  var oldLive = oldDoc && !oldDoc._deleted && oldDoc.deleted !== true && oldDoc.type === 'connection';
  if (!oldLive) {
    // A new connection, or one made again over a deletion: the sender is its creator.
    if (by(newDoc.createdBy) !== name) refuse('createdBy', 'must be your user name, ' + quoted(name) + ', for a new connection.');
  } else if (by(newDoc.createdBy) !== by(oldDoc.createdBy)) {
    refuse('createdBy', 'cannot change: it stays ' + quoted(by(oldDoc.createdBy)) + '.');
  }
}`;

/** The design document team-setup.mjs keeps in the team's database. */
export function teamRulesDesignDoc() {
  return { _id: DESIGN_DOC_ID, language: 'javascript', validate_doc_update: VALIDATE_DOC_UPDATE };
}

// `node server/validate.mjs` prints the design document, to PUT into CouchDB or Cloudant.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(JSON.stringify(teamRulesDesignDoc(), null, 2));
}
