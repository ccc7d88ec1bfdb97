// Preloaded into every process the launcher starts (`node --import <this file>`): if the launcher
// dies without stopping us (SIGKILL, a killed test worker), shut down instead of lingering on our
// ports. SIGTERM lets the service run its own graceful shutdown.
const parent = process.ppid;

function parentAlive(): boolean {
  try {
    process.kill(parent, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

setInterval(() => {
  if (!parentAlive()) process.kill(process.pid, 'SIGTERM');
}, 1_000).unref();
