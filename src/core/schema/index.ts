/**
 * Column types and data contracts: infer a column's semantic type, parse, validate and suggest a
 * contract, and write one as YAML.
 * @module
 */
export type { ColumnType } from './column-type.ts';
export { COLUMN_TYPES, INTEGER_CARDINALITY_LIMIT, inferColumnType } from './column-type.ts';
export type {
  AllowedValue,
  ColumnContract,
  Contract,
  ContractBound,
  ContractInput,
  DatasetContract,
} from './contract.ts';
export {
  ColumnContractSchema,
  ContractSchema,
  DatasetContractSchema,
  formatIsoDateTime,
  parseContract,
  parseIsoDateTime,
} from './contract.ts';
export type { ContractToYamlOptions } from './contract-yaml.ts';
export { CONTRACT_YAML_HEADER, contractToYaml } from './contract-yaml.ts';
export type { SuggestContractOptions } from './suggest-contract.ts';
export { SUGGEST_MAX_ALLOWED_VALUES, suggestContract } from './suggest-contract.ts';
export type { ContractCheck, ContractViolation, ValidateContractOptions } from './validate-contract.ts';
export { CONTRACT_CHECKS, validateContract } from './validate-contract.ts';
