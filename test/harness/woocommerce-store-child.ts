// The child side of woocommerce-store-process.ts: runs the fake store until the parent says close
// (or goes away).
import { startWooCommerceStore, syntheticOrders, type WooCommerceStore } from './woocommerce-store';
import type { StoreChildMessage, StoreParentMessage } from './woocommerce-store-process';

let store: WooCommerceStore | null = null;
const reply = (message: StoreChildMessage) => process.send!(message);

process.on('message', (message: StoreParentMessage) => {
  if (message.type === 'start') {
    const { count, firstId } = message.options.synthetic;
    startWooCommerceStore({ orders: syntheticOrders(count, { firstId }) }).then(
      (started) => {
        store = started;
        reply({ type: 'ready', url: started.url, consumerKey: started.consumerKey, consumerSecret: started.consumerSecret });
      },
      (error: unknown) => reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.type === 'count') {
    reply({ type: 'count', id: message.id, value: store?.requests.length ?? 0 });
  } else if (message.type === 'close') {
    void (store?.close() ?? Promise.resolve()).then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
