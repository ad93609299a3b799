export { NoteBox } from './component';
