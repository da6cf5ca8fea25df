'use strict';
// `import Database from 'better-sqlite3'` lands here: package.json maps `better-sqlite3` to this
// folder, which hands over the real better-sqlite3 that works on the running Node.
//
// - better-sqlite3 12 wraps its objects in node::ObjectWrap. From Node 24.19 on, that header
//   registers an environment cleanup hook per object and removes it in the destructor, which
//   V8 runs when the GC frees the object; a GC started by an allocation has no context entered,
//   so Node finds no Environment and aborts ("RemoveEnvironmentCleanupHook … (env) != nullptr",
//   nodejs/node#65446). Every `db.pragma()` and `stmt.iterate()` leaves such an object behind,
//   so the service aborts within seconds of starting.
// - better-sqlite3 13 is built on Node-API (no ObjectWrap) and ships a prebuilt binary, but
//   needs Node-API 10 (Node ≥ 22.14); on Node 20 it crashes.
//
// Both have the same API. When Node 20 goes, map `better-sqlite3` straight to 13 and delete this.
const napi = Number(process.versions.napi);
const driver = napi >= 10 ? 'better-sqlite3-13' : 'better-sqlite3-12';
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- which module is known only at run time
  module.exports = require(driver);
} catch (err) {
  if (err?.code !== 'MODULE_NOT_FOUND' || !String(err.message).includes(driver)) throw err;
  throw new Error(
    `${driver} is not installed (Node ${process.version}, Node-API ${napi}); run npm ci with this Node.`,
    { cause: err },
  );
}
