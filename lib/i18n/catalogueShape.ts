/**
 * The shape every translation must have: the English catalogue's keys, nested the same way, each a string.
 * Missing or extra keys fail the typecheck; placeholders are compared by lib/i18n/catalogue.test.ts.
 */
export type Catalogue<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
