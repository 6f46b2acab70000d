import { availableParallelism } from "node:os";

// Password hashing (argon2, bcrypt, PBKDF2, scrypt) runs on libuv's thread pool, which has 4 threads
// unless told otherwise. Size it to the machine so hashes use every core and never queue behind
// each other on a larger host. Must be imported before anything touches the pool.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, availableParallelism()));
