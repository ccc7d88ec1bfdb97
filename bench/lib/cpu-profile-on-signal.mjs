// Loaded with `--import` into a process under test by bench/profile-overview.ts: the first SIGUSR2
// starts the V8 CPU profiler, the next writes <LINDUNG_CPU_PROFILE_DIR>/<part>-<pid>-<n>.cpuprofile (n counts the profiles).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const dir = process.env.LINDUNG_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let running = false;
  let count = 0;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')));
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) console.error('cpu profile:', error);
      else writeFileSync(`${dir}/${process.env.LINDUNG_PART ?? 'process'}-${process.pid}-${++count}.cpuprofile`, JSON.stringify(result.profile));
    });
  });
}
