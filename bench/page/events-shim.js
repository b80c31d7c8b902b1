// Stand-in for Node's `events` module, which pouchdb-browser imports and Vite does not polyfill.
// Written as a constructor with enumerable prototype methods on purpose: PouchDB copies
// `Object.keys(EE.prototype)` onto its constructor (setUpEventEmitter), and class methods are
// not enumerable, so a `class` here would leave `PouchDB.on` undefined.

export default function EventEmitter() {
  this._events = new Map();
}

EventEmitter.listenerCount = (emitter, type) => emitter.listenerCount(type);

EventEmitter.prototype._list = function (type) {
  if (!this._events) this._events = new Map();
  let list = this._events.get(type);
  if (!list) this._events.set(type, (list = []));
  return list;
};

EventEmitter.prototype.on = function (type, listener) {
  this._list(type).push(listener);
  return this;
};

EventEmitter.prototype.addListener = EventEmitter.prototype.on;

EventEmitter.prototype.once = function (type, listener) {
  const wrapper = (...args) => {
    this.removeListener(type, wrapper);
    listener.apply(this, args);
  };
  wrapper.listener = listener;
  return this.on(type, wrapper);
};

EventEmitter.prototype.removeListener = function (type, listener) {
  const list = this._list(type);
  const i = list.findIndex((l) => l === listener || l.listener === listener);
  if (i >= 0) list.splice(i, 1);
  return this;
};

EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function (type) {
  if (type === undefined) this._events = new Map();
  else this._list(type).length = 0;
  return this;
};

EventEmitter.prototype.emit = function (type, ...args) {
  const list = [...this._list(type)];
  if (type === 'error' && list.length === 0) throw args[0] instanceof Error ? args[0] : new Error(String(args[0]));
  for (const listener of list) listener.apply(this, args);
  return list.length > 0;
};

EventEmitter.prototype.listeners = function (type) {
  return this._list(type).map((l) => l.listener ?? l);
};

EventEmitter.prototype.listenerCount = function (type) {
  return this._list(type).length;
};

// Node warns past 10 listeners; PouchDB calls this on some emitters. Nothing to limit here.
EventEmitter.prototype.setMaxListeners = function () {
  return this;
};
