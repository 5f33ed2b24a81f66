export { Field, TextField } from './fields.tsx';
export { RootDocument, viewport } from './root-document.tsx';
export { ErrorView, NotFoundView, type StatusTexts } from './status-pages.tsx';
