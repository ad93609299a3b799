export { ReplyBox } from './component';
