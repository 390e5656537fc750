export type { Column, DType, NumberColumn, StringColumn, Table } from './column.ts';
export { isNumberColumn, isStringColumn } from './column.ts';
