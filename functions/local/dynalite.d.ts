// dynalite ships no types: the part of its API the local runtime uses.
declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions {
    /** LevelDB folder; in memory without it. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
  }
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}

// dynalite's store factory, which index.js calls for each server: local-scim-stream's table stream wraps what it makes.
declare module 'dynalite/db/index.js' {
  const db: { create(options?: object): unknown };
  export = db;
}
