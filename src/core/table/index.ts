export { isNumberColumn, isStringColumn } from './column.ts';
export type { Column, DType, NumberColumn, StringColumn, Table } from './column.ts';
