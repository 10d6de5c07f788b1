import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type ParentMessage = { type: 'stats' } | { type: 'stop' };

export type ServerStats = { queries: number; auditEvents: number; auditUnsealed: number };

export type ServerMessage =
  { type: 'ready'; port: number; pid: number } | ({ type: 'stats' } & ServerStats) | { type: 'stopped' };

/** The server under test, running in its own process. */
export type ServerProcess = {
  url: string;
  pid: number;
  /** The PostgreSQL database it serves (null: PGlite, inside the server process). */
  databaseName: string | null;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
  /** Ends the process at once (on failure or Ctrl-C). */
  kill(): void;
};

const SERVER_ENTRY = path.join(import.meta.dirname, 'server.ts');

/** Starts bench/server.ts with the given database settings and waits until it listens. */
export async function startServer(options: {
  dataDir: string;
  databaseUrl: string | undefined;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /** Another checkout's bench/server.ts, to compare two versions of the server over the same database. */
  entry?: string;
}): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: options.dataDir };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), '--import', 'tsx', options.entry ?? SERVER_ENTRY],
    {
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const ready = await nextMessage(child, 'ready', 120_000);
  if (ready.type !== 'ready') throw new Error('unexpected message from the server');
  return {
    url: `http://127.0.0.1:${ready.port}`,
    pid: ready.pid,
    databaseName: options.databaseUrl ? new URL(options.databaseUrl).pathname.slice(1) : null,
    async stats() {
      const reply = nextMessage(child, 'stats', 60_000);
      child.send({ type: 'stats' } satisfies ParentMessage);
      const message = await reply;
      if (message.type !== 'stats') throw new Error('unexpected message from the server');
      return {
        queries: message.queries,
        auditEvents: message.auditEvents,
        auditUnsealed: message.auditUnsealed,
      };
    },
    async stop() {
      if (child.exitCode !== null || !child.connected) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' } satisfies ParentMessage);
      await exited;
    },
    kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

function nextMessage(
  child: ChildProcess,
  type: ServerMessage['type'],
  timeoutMs: number,
): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`the server did not answer "${type}" in time`)),
      timeoutMs,
    );
    const onMessage = (message: ServerMessage) => {
      if (message.type === type) finish(null, message);
    };
    const onExit = (code: number | null) =>
      finish(new Error(`the server exited (code ${code}) before "${type}"`));
    function finish(error: Error | null, message?: ServerMessage) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message!);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
