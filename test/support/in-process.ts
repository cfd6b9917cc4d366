import type { ChildProcess as ChildProcessType } from 'node:child_process';
import type * as NetModule from 'node:net';

/**
 * The unit project runs in-process: a test that opens a socket (a server, a client's request, dynalite) or starts a
 * child process belongs to the integration project. This makes the rule fail the test that breaks it, naming what it
 * opened, instead of leaving it to a reviewer.
 *
 * Jest gives every test file of a worker the same Node core modules, whatever the file's project, so the guard is
 * installed on them once per worker and switched per file: test/support/env.ts (every project's first setup file)
 * turns it off, test/support/unit-setup.ts (the unit project's, after the framework) on, and off after the file.
 * The core modules are required, not imported: an ES import would patch a per-file copy of their exports.
 */
const net = require('node:net') as typeof NetModule;
const childProcess = require('node:child_process') as typeof import('node:child_process');

const STATE = Symbol.for('webex-provisioning.test.in-process');
interface GuardState {
  on: boolean;
}
type Holder = Record<symbol, GuardState | undefined>;

function refuse(what: string): never {
  throw new Error(`a unit test is in-process only: ${what} belongs to the integration project (test/integration)`);
}

function install(): GuardState {
  const holder = net.Socket.prototype as unknown as Holder;
  const existing = holder[STATE];
  if (existing) return existing;
  const state: GuardState = { on: false };
  holder[STATE] = state;

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: NetModule.Socket, ...args: unknown[]) {
    if (state.on) refuse(`a connection (${describeTarget(args[0])})`);
    return (connect as (...a: unknown[]) => NetModule.Socket).apply(this, args);
  } as typeof connect;

  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: NetModule.Server, ...args: unknown[]) {
    if (state.on) refuse('a server listening');
    return (listen as (...a: unknown[]) => NetModule.Server).apply(this, args);
  } as typeof listen;

  // spawn, exec, execFile and fork all start their process through ChildProcess#spawn.
  const proto = childProcess.ChildProcess.prototype as ChildProcessType & { spawn(options: { file?: string }): void };
  const spawn = proto.spawn;
  proto.spawn = function (this: ChildProcessType, options: { file?: string }) {
    if (state.on) refuse(`a child process (${options?.file ?? 'unknown'})`);
    return spawn.call(this, options);
  };
  for (const name of ['spawnSync', 'execSync', 'execFileSync'] as const) {
    const original = childProcess[name] as (...a: unknown[]) => unknown;
    (childProcess as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      if (state.on) refuse(`a child process (${String(args[0])})`);
      return original.apply(this, args);
    };
  }
  return state;
}

function describeTarget(target: unknown): string {
  if (typeof target === 'object' && target !== null) {
    const t = target as { host?: string; port?: number; path?: string };
    return t.path ?? `${t.host ?? 'localhost'}:${t.port ?? '?'}`;
  }
  return String(target);
}

/** Turns the guard on (the unit project) or off (every other project) for the test file about to run. */
export function inProcessOnly(on: boolean): void {
  install().on = on;
}
