import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where the llama-server binary is, or why it cannot be used. */
export type LlamaServerLocation =
  | { readonly binaryPath: string; readonly skipReason?: undefined }
  | { readonly binaryPath?: undefined; readonly skipReason: string };

/** Options of `startLlamaServer`. */
export type StartLlamaServerOptions = {
  /** GGUF model to serve. */
  readonly modelPath: string;
  /** Context size in tokens (`-c`, default 2048). */
  readonly ctx?: number;
  /** Slots (`-np`, default 1). With several slots the `ctx` KV cache is shared by all of them. */
  readonly parallel?: number;
  /** Threads (`-t`, default 1: more threads than idle cores make ggml stall on small machines). */
  readonly threads?: number;
  /** Model name the server reports (`--alias`). */
  readonly alias?: string;
  /** More command-line arguments, e.g. `['--metrics']`. */
  readonly extraArgs?: readonly string[];
  /** The binary to run (default: `locateLlamaServer()`). */
  readonly binaryPath?: string;
  /** How long to wait for `/health` to answer 200 (default 30 000 ms). */
  readonly startTimeoutMs?: number;
  /**
   * The test's skip function (vitest's `context.skip`): called with the reason when no binary is
   * built, unless `SWITCHYARD_REQUIRE_LLAMA_SERVER` is set. Without it, a missing binary throws.
   */
  readonly skip?: (reason: string) => void;
};

/** A running llama-server. */
export type LlamaServer = {
  /** Base URL, e.g. `http://127.0.0.1:40123` (OpenAI routes are under `/v1`). */
  readonly url: string;
  readonly port: number;
  /** The server's recent output (last 200 lines), for failure messages. */
  logs(): string;
  /** Stops the server (SIGTERM, SIGKILL after 5 s); safe to call twice. */
  stop(): Promise<void>;
};

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
let cachedLocation: LlamaServerLocation | undefined;

/**
 * Finds the llama-server that `scripts/build-llama-server.sh` builds: `SWITCHYARD_LLAMA_SERVER`
 * when set, else `${SWITCHYARD_CACHE_DIR:-~/.cache/switchyard}/llama-server-<node-llama-cpp
 * version>-<bundle sha>/llama-server` (the llama.cpp release node-llama-cpp ships). Returns a
 * `skipReason` naming what is missing; throws instead when `SWITCHYARD_REQUIRE_LLAMA_SERVER` is
 * set (CI, where the binary must be there).
 *
 * @example
 * const llamaServer = locateLlamaServer();
 * describe.skipIf(llamaServer.skipReason !== undefined)('against llama-server', () => { … });
 */
export function locateLlamaServer(): LlamaServerLocation {
  cachedLocation ??= findBinary();
  if (cachedLocation.skipReason !== undefined && isRequired()) {
    throw new Error(`SWITCHYARD_REQUIRE_LLAMA_SERVER is set but ${cachedLocation.skipReason}`);
  }
  return cachedLocation;
}

/**
 * Starts a real llama-server on a free 127.0.0.1 port and resolves once `/health` answers 200.
 * A server that exits or stays unhealthy rejects with its last output. Servers still running
 * when the process exits are killed.
 *
 * @example
 * it('answers', async (context) => {
 *   const server = await startLlamaServer({ modelPath: 'models/tiny-chatml.gguf', skip: context.skip });
 *   try { await fetch(`${server.url}/v1/chat/completions`, …); } finally { await server.stop(); }
 * });
 */
export async function startLlamaServer(options: StartLlamaServerOptions): Promise<LlamaServer> {
  let binaryPath = options.binaryPath;
  if (binaryPath === undefined) {
    const location = locateLlamaServer();
    if (location.skipReason !== undefined) {
      options.skip?.(location.skipReason);
      throw new Error(location.skipReason);
    }
    binaryPath = location.binaryPath;
  }
  if (!existsSync(options.modelPath)) throw new Error(`llama-server model not found: ${options.modelPath}`);
  // A free port can be taken between the probe and the bind; try again on a bind failure.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    try {
      return await launch(binaryPath, port, options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof Error && /bind|address already in use/i.test(error.message))) throw error;
    }
  }
  throw lastError;
}

async function launch(
  binaryPath: string,
  port: number,
  options: StartLlamaServerOptions,
): Promise<LlamaServer> {
  const args = [
    '-m',
    options.modelPath,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '-c',
    String(options.ctx ?? 2048),
    '-np',
    String(options.parallel ?? 1),
    '-t',
    String(options.threads ?? 1),
    ...(options.alias === undefined ? [] : ['--alias', options.alias]),
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(binaryPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  const lines: string[] = [];
  const record = (data: Buffer) => {
    lines.push(...data.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const url = `http://127.0.0.1:${port}`;
  const logs = () => lines.join('\n');
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      running.delete(child);
    })();
    return stopping;
  };

  const deadline = performance.now() + (options.startTimeoutMs ?? 30_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  while (performance.now() < deadline) {
    if (exitCode !== undefined) {
      running.delete(child);
      throw new Error(`llama-server exited (code ${exitCode}) before it was healthy:\n${logs()}`);
    }
    const status = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return { url, port, logs, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(
    `llama-server did not become healthy within ${options.startTimeoutMs ?? 30_000} ms:\n${logs()}`,
  );
}

function findBinary(): LlamaServerLocation {
  const explicit = process.env.SWITCHYARD_LLAMA_SERVER;
  if (explicit !== undefined && explicit !== '') {
    return existsSync(explicit)
      ? { binaryPath: explicit }
      : { skipReason: `SWITCHYARD_LLAMA_SERVER points to ${explicit}, which does not exist` };
  }
  let packageDirectory: string;
  try {
    packageDirectory = dirname(dirname(createRequire(import.meta.url).resolve('node-llama-cpp')));
  } catch {
    return { skipReason: 'node-llama-cpp is not installed, so the llama.cpp release to build is unknown' };
  }
  const { version } = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as {
    version: string;
  };
  const bundle = join(packageDirectory, 'llama', 'gitRelease.bundle');
  if (!existsSync(bundle))
    return { skipReason: `node-llama-cpp ${version} ships no llama.cpp source bundle` };
  const bundleSha = createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 12);
  const cacheRoot = process.env.SWITCHYARD_CACHE_DIR ?? join(homedir(), '.cache', 'switchyard');
  const candidates = ['', '-portable'].map((suffix) =>
    join(cacheRoot, `llama-server-${version}-${bundleSha}${suffix}`, 'llama-server'),
  );
  const found = candidates.find((candidate) => existsSync(candidate));
  return found === undefined
    ? {
        skipReason: `llama-server is not built (${candidates[0]} is missing); run scripts/build-llama-server.sh (about 7 minutes on 2 cores)`,
      }
    : { binaryPath: found };
}

function isRequired(): boolean {
  const value = process.env.SWITCHYARD_REQUIRE_LLAMA_SERVER;
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function track(child: ChildProcess): void {
  running.add(child);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const server of running) server.kill('SIGKILL');
  });
}
