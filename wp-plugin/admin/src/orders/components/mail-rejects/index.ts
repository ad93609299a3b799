export { MailRejects } from './component';
