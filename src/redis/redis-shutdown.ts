/**
 * How long a closing Redis connection may take to end before its socket is destroyed. ioredis waits 2 s by
 * default, even for a socket that never connected (Redis down), and that timer holds a stopping process open.
 */
export const REDIS_DISCONNECT_TIMEOUT_MS = 200;
