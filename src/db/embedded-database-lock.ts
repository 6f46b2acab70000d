import { randomUUID } from "node:crypto";
import { linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The embedded database's directory is one process's at a time: a second PGlite on it reads stale
 * data, and their writes together can leave the directory unreadable for good. The process that
 * opens it writes its id into a lock file first, and removes it when it closes.
 */

/**
 * Inside the directory, so that it travels with the data (PGlite leaves files it does not know
 * alone, whether it creates the database or opens it).
 */
const lockFileName = ".identity-api.lock";

export class EmbeddedDatabaseInUseError extends Error {
  constructor(
    readonly directory: string,
    readonly holder: number,
  ) {
    super(
      `The embedded database in ${directory} is in use by process ${holder}; stop it first (or use DATABASE_URL=postgres://... for several processes).`,
    );
    this.name = "EmbeddedDatabaseInUseError";
  }
}

export interface EmbeddedDatabaseLock {
  release(): void;
}

/** The lock files this process holds, removed when it exits without closing its database. */
const heldLockFiles = new Set<string>();

function releaseHeldLockFiles(): void {
  for (const lockFile of heldLockFiles) removeIfOurs(lockFile);
}

/** Takes the lock of the database in `directory` (which exists), or throws `EmbeddedDatabaseInUseError`. */
export function lockEmbeddedDatabase(directory: string): EmbeddedDatabaseLock {
  const absoluteDirectory = resolve(directory);
  const lockFile = join(absoluteDirectory, lockFileName);
  if (heldLockFiles.has(lockFile)) throw new EmbeddedDatabaseInUseError(absoluteDirectory, process.pid);
  while (!createLockFile(lockFile)) {
    const holder = readHolder(lockFile);
    // Our own id in a lock file we do not hold is a previous life's: a restarted container's
    // server is process 1 again.
    if (holder !== undefined && holder !== process.pid && isRunning(holder)) {
      throw new EmbeddedDatabaseInUseError(absoluteDirectory, holder);
    }
    // Left by a process that crashed, or holding no process id: kept, it would lock everyone out
    // for good.
    rmSync(lockFile, { force: true });
  }
  if (heldLockFiles.size === 0) process.on("exit", releaseHeldLockFiles);
  heldLockFiles.add(lockFile);
  return {
    release: () => {
      if (!heldLockFiles.delete(lockFile)) return;
      removeIfOurs(lockFile);
      if (heldLockFiles.size === 0) process.off("exit", releaseHeldLockFiles);
    },
  };
}

/**
 * False when the file exists already. Written whole under another name and linked into place: a
 * lock file created empty and written after would, read by a process starting at that moment,
 * hold no process id, and be taken for one a crash left. A filesystem without hard links (SMB, FAT)
 * gets the file created and written in one call, as before.
 */
function createLockFile(lockFile: string): boolean {
  const written = `${lockFile}.${process.pid}.${randomUUID()}`;
  writeFileSync(written, `${process.pid}\n`, { flag: "wx" });
  try {
    linkSync(written, lockFile);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code === "EPERM" || code === "ENOTSUP" || code === "ENOSYS" || code === "EOPNOTSUPP") return createLockFileInPlace(lockFile);
    throw error;
  } finally {
    rmSync(written, { force: true });
  }
}

function createLockFileInPlace(lockFile: string): boolean {
  try {
    writeFileSync(lockFile, `${process.pid}\n`, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** The process id in the lock file; undefined when there is no file or no id in it. */
function readHolder(lockFile: string): number | undefined {
  let content: string;
  try {
    content = readFileSync(lockFile, "utf8").trim();
  } catch {
    return undefined;
  }
  // Never 0 or negative: process.kill would signal a whole process group.
  return /^[1-9][0-9]{0,9}$/.test(content) ? Number(content) : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user. ESRCH: there is no such process.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removed by hand and taken by another process since, the file is theirs. */
function removeIfOurs(lockFile: string): void {
  if (readHolder(lockFile) === process.pid) rmSync(lockFile, { force: true });
}
