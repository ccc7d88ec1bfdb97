import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePorts } from '../test/harness/ports.js';
import { commandOf } from './leftovers.js';
import { DEV_SERVER_DYNAMIC_CONFIG, startTemporal, temporalReady } from './temporal.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lindung-temporal-test-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('Temporal dev server', () => {
  it('the shared test server answers with its namespace', async () => {
    await expect(temporalReady(inject('temporalAddress'), inject('temporalNamespace'))).resolves.toBe(true);
  });

  it('keeps workflow history in --db-filename across a restart, and stop() frees the port', async () => {
    const [port, uiPort] = await freePorts(2);
    const options = { useEnv: false, port, uiPort, dbFile: join(root, 'temporal.db') };
    const first = await startTemporal(options);
    expect(first.address).toBe(`127.0.0.1:${port}`);
    expect(first.uiUrl).toBe(`http://127.0.0.1:${uiPort}`);
    const ui = await fetch(first.uiUrl ?? '');
    expect(ui.status).toBe(200);
    await ui.body?.cancel();
    await withClient(first.address, (client) => client.workflow.start('noSuchWorkflow', { taskQueue: 'nobody-polls', workflowId: 'kept-across-restart' }));
    await first.stop();
    await expect(temporalReady(first.address, 'default')).rejects.toThrow();

    const second = await startTemporal(options);
    try {
      const description = await withClient(second.address, (client) => client.workflow.getHandle('kept-across-restart').describe());
      expect(description.status.name).toBe('RUNNING');
    } finally {
      await second.stop();
    }
  });

  it('stops the server a killed run left on its database file before starting anew', async () => {
    const [port] = await freePorts(1);
    const options = { useEnv: false, port, headless: true, dbFile: join(root, 'leftover.db') };
    const leftover = await startTemporal(options); // never stopped: stands for a killed launcher's server
    const next = await startTemporal(options);
    try {
      await expect(leftover.process?.exited).resolves.toMatchObject({ code: 0 });
      await expect(temporalReady(next.address, 'default')).resolves.toBe(true);
    } finally {
      await next.stop();
    }
  });

  it('starts the dev server with the raised task-queue poll rates, which it accepts', async () => {
    const [port] = await freePorts(1);
    const server = await startTemporal({ useEnv: false, port, headless: true, dbFile: null });
    try {
      await expect(temporalReady(server.address, 'default')).resolves.toBe(true);
      const command = commandOf(server.process?.pid ?? 0);
      expect(Object.keys(DEV_SERVER_DYNAMIC_CONFIG)).toEqual(['history.transferProcessorMaxPollRPS', 'history.timerProcessorMaxPollRPS', 'history.visibilityProcessorMaxPollRPS']);
      for (const key of Object.keys(DEV_SERVER_DYNAMIC_CONFIG)) expect(command).toContain(`--dynamic-config-value ${key}=1000`);
    } finally {
      await server.stop();
    }
  });

  it('refuses a port another server already answers on', async () => {
    const [port] = await freePorts(1);
    const first = await startTemporal({ useEnv: false, port, headless: true, dbFile: null });
    try {
      await expect(startTemporal({ useEnv: false, port, headless: true, dbFile: null })).rejects.toThrow(`port ${port} is already in use`);
    } finally {
      await first.stop();
    }
  });

  it('reports a server that dies at start with its own output', async () => {
    const fake = join(root, 'broken-temporal');
    await writeFile(fake, '#!/bin/sh\necho "bind: address already in use" >&2\nexit 1\n');
    await chmod(fake, 0o755);
    const saved = process.env.TEMPORAL_CLI_PATH;
    process.env.TEMPORAL_CLI_PATH = fake;
    try {
      const [port] = await freePorts(1);
      await expect(startTemporal({ useEnv: false, port, headless: true, dbFile: null })).rejects.toThrow(/process exited with code 1[\s\S]*bind: address already in use/);
    } finally {
      if (saved === undefined) delete process.env.TEMPORAL_CLI_PATH;
      else process.env.TEMPORAL_CLI_PATH = saved;
    }
  });
});

async function withClient<T>(address: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await fn(new Client({ connection, namespace: 'default' }));
  } finally {
    await connection.close();
  }
}
