/**
 * A throwaway PostgreSQL cluster for the tests: `initdb` in a temporary directory, the server on
 * 127.0.0.1 and a free port, run as an unprivileged user (the `postgres` system user when this
 * process is root: PostgreSQL refuses to run as root), with password authentication over TCP.
 *
 * Used three ways: by `tests/_engines.ts`, which starts one cluster per test process when
 * `$BAKTADB_TEST_POSTGRES` is not set (the server dies with the process); by `.ci/run`, which
 * starts one for the whole run and stops it in a trap; and for the benchmarks, a cluster kept in a
 * folder of one's choosing that a later run starts again with its databases as they were:
 *
 * ```sh
 * deno run -A tests/_postgres_cluster.ts start        # prints ROOT and URL (a new temp folder)
 * deno run -A tests/_postgres_cluster.ts stop ROOT    # stops it and removes ROOT
 * deno run -A tests/_postgres_cluster.ts serve DIR    # prints the URL; DIR is kept (initdb once)
 * deno run -A tests/_postgres_cluster.ts halt DIR     # stops it, DIR is kept
 * ```
 *
 * **Durability is traded for speed in the throwaway clusters**: they run with `fsync=off`,
 * `synchronous_commit=off` and `full_page_writes=off`, so a crash of the machine (not of a
 * process) may lose or corrupt their data, and PostgreSQL write figures taken on them are
 * optimistic. That is fine for tests, whose databases live for one run. The kept cluster of
 * `serve` runs with PostgreSQL's durable defaults, as a lab's server would.
 *
 * @module
 */

/** The folders where Debian puts the server binaries, newest first. */
const BIN_DIRS = [
  "/usr/lib/postgresql/17/bin",
  "/usr/lib/postgresql/16/bin",
  "/usr/lib/postgresql/15/bin",
];

/** The superuser of the throwaway cluster and its password (test-only credentials). */
export const CLUSTER_USER = "baktadb";
const CLUSTER_PASSWORD = "throwaway-test-password";

/** A running cluster. */
export interface Cluster {
  /** The URL of its `postgres` database, with user and password. */
  url: string;
  /** Its data directory (inside a temporary directory). */
  dataDir: string;
  /** The temporary directory holding everything. */
  root: string;
}

/** The folder of `initdb`, `pg_ctl` and `postgres`, or undefined when PostgreSQL is absent. */
export function postgresBinDir(): string | undefined {
  return BIN_DIRS.find((dir) => {
    try {
      return Deno.statSync(`${dir}/initdb`).isFile;
    } catch {
      return false;
    }
  });
}

/**
 * A command that runs a server binary as an unprivileged user (`setpriv` to the `postgres` system
 * user when this process is root), optionally killed when this process ends.
 */
function serverCommand(
  binary: string,
  args: string[],
  options: Deno.CommandOptions & { dieWithParent?: boolean } = {},
): Deno.Command {
  const { dieWithParent = false, ...commandOptions } = options;
  const setpriv = [
    ...(Deno.uid() === 0 ? ["--reuid=postgres", "--regid=postgres", "--init-groups"] : []),
    ...(dieWithParent ? ["--pdeathsig", "KILL"] : []),
  ];
  return setpriv.length === 0
    ? new Deno.Command(binary, { ...commandOptions, args })
    : new Deno.Command("setpriv", { ...commandOptions, args: [...setpriv, binary, ...args] });
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Creates the directory (a new temporary one by default) and runs `initdb` in it. */
function initCluster(
  bin: string,
  root = Deno.makeTempDirSync({ prefix: "baktadb-pg-" }),
): { root: string; dataDir: string } {
  Deno.mkdirSync(root, { recursive: true });
  const dataDir = `${root}/data`;
  const pwfile = `${root}/pwfile`;
  Deno.writeTextFileSync(pwfile, CLUSTER_PASSWORD);
  if (Deno.uid() === 0) {
    const chown = new Deno.Command("chown", { args: ["-R", "postgres:postgres", root] })
      .outputSync();
    if (!chown.success) throw new Error(`Cannot chown ${root} to the postgres user`);
  }
  const out = serverCommand(`${bin}/initdb`, [
    "-D",
    dataDir,
    "-U",
    CLUSTER_USER,
    `--pwfile=${pwfile}`,
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
    "--encoding=UTF8",
    "--locale=C",
    "--no-sync",
  ], { stdout: "piped", stderr: "piped" }).outputSync();
  if (!out.success) {
    throw new Error(`initdb failed: ${new TextDecoder().decode(out.stderr)}`);
  }
  return { root, dataDir };
}

/**
 * The server options: 127.0.0.1 only, the socket in the cluster's directory; for tests
 * (`durable` false) without fsync, for the kept benchmark cluster with the durable defaults.
 */
function serverOptions(root: string, port: number, durable = false): string[] {
  const speed = durable
    ? ["shared_buffers=256MB", "max_wal_size=4GB"]
    : ["fsync=off", "synchronous_commit=off", "full_page_writes=off", "shared_buffers=64MB"];
  return [
    "-h",
    "127.0.0.1",
    "-p",
    String(port),
    "-k",
    root,
    ...["max_connections=200", ...speed].flatMap((setting) => ["-c", setting]),
  ];
}

async function waitReady(bin: string, port: number, root: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { success } = await new Deno.Command(`${bin}/pg_isready`, {
      args: ["-h", "127.0.0.1", "-p", String(port), "-t", "1"],
      stdout: "null",
      stderr: "null",
    }).output();
    if (success) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`PostgreSQL in ${root} did not accept connections within ${timeoutMs} ms`);
}

function urlOf(port: number): string {
  return `postgres://${CLUSTER_USER}:${CLUSTER_PASSWORD}@127.0.0.1:${port}/postgres`;
}

/**
 * Starts a cluster as a child of this process that is killed when this process ends (`setpriv
 * --pdeathsig`), and removes its directory on exit.
 *
 * @returns The running cluster.
 */
export async function startChildCluster(): Promise<Cluster> {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error("PostgreSQL server binaries are absent");
  const { root, dataDir } = initCluster(bin);
  const port = freePort();
  const child = serverCommand(`${bin}/postgres`, ["-D", dataDir, ...serverOptions(root, port)], {
    stdin: "null",
    stdout: "null",
    stderr: "null",
    dieWithParent: true,
  }).spawn();
  child.unref();
  globalThis.addEventListener("unload", () => {
    try {
      Deno.kill(child.pid, "SIGKILL");
    } catch { /* already gone */ }
    try {
      Deno.removeSync(root, { recursive: true });
    } catch { /* best effort */ }
  });
  await waitReady(bin, port, root);
  return { url: urlOf(port), dataDir, root };
}

/**
 * Starts a cluster with `pg_ctl` (it outlives this process), for `.ci/run`.
 *
 * @returns The running cluster.
 */
export async function startDaemonCluster(): Promise<Cluster> {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error("PostgreSQL server binaries are absent");
  const { root, dataDir } = initCluster(bin);
  return await pgCtlStart(bin, root, dataDir, freePort(), false);
}

/**
 * Starts the kept cluster in `root` (durable settings): `initdb` and a free port the first time
 * (the port is kept in `root/port`), the existing data and port afterwards; a running one is
 * left as it is.
 *
 * @param root The cluster's folder, kept between runs.
 * @returns The running cluster.
 */
export async function serveKeptCluster(root: string): Promise<Cluster> {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error("PostgreSQL server binaries are absent");
  const dataDir = `${root}/data`;
  const portFile = `${root}/port`;
  const exists = await Deno.stat(`${dataDir}/PG_VERSION`).then(() => true, () => false);
  if (!exists) {
    initCluster(bin, root);
    await Deno.writeTextFile(portFile, String(freePort()));
  }
  const port = Number(await Deno.readTextFile(portFile));
  const running = await new Deno.Command(`${bin}/pg_isready`, {
    args: ["-h", "127.0.0.1", "-p", String(port), "-t", "1"],
    stdout: "null",
    stderr: "null",
  }).output();
  if (running.success) return { url: urlOf(port), dataDir, root };
  return await pgCtlStart(bin, root, dataDir, port, true);
}

/** Starts the server of `dataDir` with `pg_ctl` (it outlives this process). */
async function pgCtlStart(
  bin: string,
  root: string,
  dataDir: string,
  port: number,
  durable: boolean,
): Promise<Cluster> {
  const out = await serverCommand(`${bin}/pg_ctl`, [
    "-D",
    dataDir,
    "-l",
    `${root}/server.log`,
    "-o",
    serverOptions(root, port, durable).join(" "),
    "-w",
    "start",
  ], { stdout: "piped", stderr: "piped" }).output();
  if (!out.success) throw new Error(`pg_ctl start failed: ${new TextDecoder().decode(out.stderr)}`);
  await waitReady(bin, port, root);
  return { url: urlOf(port), dataDir, root };
}

/**
 * Stops a cluster started by {@linkcode startDaemonCluster} and removes its directory.
 *
 * @param root The cluster's temporary directory.
 */
export async function stopDaemonCluster(root: string): Promise<void> {
  await pgCtlStop(root, "immediate");
  await Deno.remove(root, { recursive: true }).catch(() => {});
}

/** Stops the server of `root/data` (mode `fast` keeps the data consistent without recovery). */
async function pgCtlStop(root: string, mode: "immediate" | "fast"): Promise<void> {
  const bin = postgresBinDir();
  if (bin === undefined) return;
  await serverCommand(`${bin}/pg_ctl`, ["-D", `${root}/data`, "-m", mode, "stop"], {
    stdout: "null",
    stderr: "null",
  }).output();
}

if (import.meta.main) {
  const [action, root] = Deno.args;
  if (action === "start") {
    const cluster = await startDaemonCluster();
    console.log(`${cluster.root} ${cluster.url}`);
  } else if (action === "stop" && root !== undefined) {
    await stopDaemonCluster(root);
  } else if (action === "serve" && root !== undefined) {
    console.log((await serveKeptCluster(root)).url);
  } else if (action === "halt" && root !== undefined) {
    await pgCtlStop(root, "fast");
  } else {
    console.error("usage: _postgres_cluster.ts start | stop ROOT | serve DIR | halt DIR");
    Deno.exit(2);
  }
}
