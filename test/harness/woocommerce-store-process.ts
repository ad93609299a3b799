// The fake WooCommerce store (woocommerce-store.ts) in a process of its own, as a real store is
// another server: filtering, cloning and serialising pages and verifying OAuth signatures then do
// not run on the event loop of the code being measured. The parent must run under tsx (the child
// inherits its loader). Used by the orders-sync benchmark, for the sync and for its download floor.
import { fork } from 'node:child_process';
import path from 'node:path';
import { track } from './cleanup';

export interface WooCommerceStoreProcessOptions {
  /** The store serves syntheticOrders(count, { firstId }). */
  synthetic: { count: number; firstId?: number };
}

export interface WooCommerceStoreProcess {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  pid: number;
  /** How many requests the store has answered so far (any status). */
  requestCount(): Promise<number>;
  close(): Promise<void>;
}

export type StoreChildMessage =
  | { type: 'ready'; url: string; consumerKey: string; consumerSecret: string }
  | { type: 'count'; id: number; value: number }
  | { type: 'failed'; message: string };

export type StoreParentMessage =
  { type: 'start'; options: WooCommerceStoreProcessOptions } | { type: 'count'; id: number } | { type: 'close' };

export async function startWooCommerceStoreProcess(options: WooCommerceStoreProcessOptions): Promise<WooCommerceStoreProcess> {
  const child = fork(path.join(__dirname, 'woocommerce-store-child.ts'), [], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true, // its own process group, so the harness's guardian can release it
  });
  const forget = child.pid ? track({ kind: 'process-group', pgid: child.pid, signal: 'SIGTERM' }) : () => undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting = new Map<number, (value: number) => void>();
  let nextId = 1;
  const ready = new Promise<Extract<StoreChildMessage, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`the store process ended (code ${code}, signal ${signal})`)));
    child.on('message', (message: StoreChildMessage) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'failed') reject(new Error(`the store process failed: ${message.message}`));
      else if (message.type === 'count') {
        waiting.get(message.id)?.(message.value);
        waiting.delete(message.id);
      }
    });
  });
  const send = (message: StoreParentMessage) => child.send(message);
  send({ type: 'start', options });
  let started: Extract<StoreChildMessage, { type: 'ready' }>;
  try {
    started = await ready;
  } catch (error) {
    child.kill('SIGKILL');
    forget();
    throw error;
  }
  return {
    url: started.url,
    consumerKey: started.consumerKey,
    consumerSecret: started.consumerSecret,
    pid: child.pid!,
    requestCount: () =>
      new Promise<number>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        send({ type: 'count', id });
      }),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        send({ type: 'close' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      forget();
    },
  };
}
