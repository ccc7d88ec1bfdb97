import { launchStack } from '../infra/stack.js';
const t0 = Date.now();
const c = new AbortController();
const log = (l: string) => { console.log(`${String(Date.now() - t0).padStart(6)} ${l.slice(0, 140)}`); if (l.includes('participants subgraph ready')) { console.log('ABORT'); c.abort(); } };
try { await launchStack({ signal: c.signal, log, detached: true }); } catch (e) { console.log(`${Date.now() - t0} rejected: ${String(e).slice(0, 200)}`); }
