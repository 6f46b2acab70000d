import { availableParallelism } from "node:os";

// Password hashing (argon2, bcrypt, PBKDF2, scrypt) runs on libuv's thread pool, which has 4 threads
// unless told otherwise. One thread per core: hashes then use every core, and never time-slice one
// (measured on 2 cores: 4 threads hash argon2id ~12% slower than 2, with more memory held).
// Must be imported before anything touches the pool.
process.env.UV_THREADPOOL_SIZE ??= String(availableParallelism());
