// Preloaded into every process the launcher starts (`node --import <this file>`): if the launcher
// dies without stopping us (SIGKILL, a killed test worker), shut down instead of lingering on our
// ports. SIGTERM lets the service run its own graceful shutdown.
// Plain JavaScript on purpose: worker threads (Temporal's workflow runtime) inherit --import flags
// but not tsx's loader, so a .ts file here would fail to load there.
import { isMainThread } from 'node:worker_threads';

const parent = process.ppid;

function parentAlive() {
  try {
    process.kill(parent, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM'; // exists, owned by someone else
  }
}

if (isMainThread) {
  setInterval(() => {
    if (!parentAlive()) process.kill(process.pid, 'SIGTERM');
  }, 1_000).unref();
}
