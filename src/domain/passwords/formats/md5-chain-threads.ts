import { Worker } from "node:worker_threads";

// phpass's work is a chain of MD5s, and Node's crypto has no way to run one off the event loop
// (PBKDF2 and scrypt run on libuv's pool; a single digest does not). So the chain runs on worker
// threads: the event loop stays free for other requests, and the core the password check holds
// (`password-work-slots.ts`, one check per core) does the work. Workers start when first needed and
// are kept for the next check; as checks hold those slots, there are at most as many as cores.
// The worker's code is plain JavaScript, evaluated in it: the same whether the server runs built,
// under tsx or under the tests, with no file of its own to resolve.
const workerSource = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
parentPort.on("message", ({ salt, password, rounds }) => {
  let hash = createHash("md5").update(salt).update(password).digest();
  for (let round = 0; round < rounds; round++) hash = createHash("md5").update(hash).update(password).digest();
  parentPort.postMessage(hash);
});
`;

const idleWorkers: Worker[] = [];

function startWorker(): Worker {
  const worker = new Worker(workerSource, { eval: true });
  // Listened to for the worker's whole life: an 'error' with no listener would end the process, and
  // a worker that stops while idle leaves the pool.
  worker.on("error", () => {});
  worker.on("exit", () => {
    const index = idleWorkers.indexOf(worker);
    if (index !== -1) idleWorkers.splice(index, 1);
  });
  return worker;
}

/** MD5(salt ‖ password), then `rounds` times MD5(previous ‖ password), on a worker thread. */
export async function md5Chain(salt: string, password: Buffer, rounds: number): Promise<Buffer> {
  const worker = idleWorkers.pop() ?? startWorker();
  try {
    const hash = await chainOn(worker, { salt, password, rounds });
    idleWorkers.push(worker);
    return hash;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
}

function chainOn(worker: Worker, task: { salt: string; password: Buffer; rounds: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      // An idle worker does not keep the process alive.
      worker.unref();
    };
    const onMessage = (hash: Uint8Array) => {
      settle();
      resolve(Buffer.from(hash));
    };
    const onError = (error: Error) => {
      settle();
      reject(error);
    };
    const onExit = (code: number) => {
      settle();
      reject(new Error(`The MD5 chain's worker thread stopped (exit code ${code}).`));
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.ref();
    worker.postMessage(task);
  });
}
