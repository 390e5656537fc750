/** The two storage backends. */
export type DialectName = 'sqlite' | 'postgres';
