// A JSON-RPC client for trytond, as sao talks to it: `POST /{database}/` with `{id, method, params}`,
// and after `common.db.login` an `Authorization: Session base64(login:uid:session)` header.

/** A Tryton date as JSON-RPC carries it. */
export const date = (iso) => {
  const [year, month, day] = iso.split('-').map(Number);
  return { __class__: 'date', year, month, day };
};

/** A Tryton Decimal as JSON-RPC carries it. */
export const decimal = (text) => ({ __class__: 'Decimal', decimal: text });

/**
 * A client for `database` on the trytond at `origin`. `login()` signs in (admin by default) and
 * keeps the session for later calls; it returns what sao keeps in localStorage.
 */
export function trytonClient(origin, database) {
  let auth = null;
  let seq = 0;
  async function call(method, params = []) {
    const response = await fetch(`${origin}/${encodeURIComponent(database)}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify({ id: ++seq, method, params }),
    });
    if (!response.ok) throw new Error(`Tryton ${method}: HTTP ${response.status}`);
    const body = await response.json();
    if (body.error) throw new Error(`Tryton ${method}: ${JSON.stringify(body.error)}`);
    return body.result;
  }
  return {
    call,
    /** `model.{model}.{method}` with the session's context as the last argument. */
    model: (model, method, ...args) => call(`model.${model}.${method}`, [...args, {}]),
    async login(login = 'admin', password = 'admin') {
      const [userId, session] = await call('common.db.login', [login, { password }, 'en']);
      auth = `Session ${Buffer.from(`${login}:${userId}:${session}`).toString('base64')}`;
      return { login, user_id: userId, session };
    },
  };
}
