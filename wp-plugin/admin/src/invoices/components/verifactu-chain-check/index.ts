export { useVerifactuChainCheck } from './component';
