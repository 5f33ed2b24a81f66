export { MenuToggle, useDisclosureMenu } from './disclosure-menu.tsx';
export { Field, SearchField, TextField } from './fields.tsx';
export { LanguageButton } from './language-button.tsx';
export { LOCALE_COOKIE, type Locale } from './locale.ts';
export { RootDocument, viewport } from './root-document.tsx';
export { ErrorView, NotFoundView, type StatusTexts } from './status-pages.tsx';
