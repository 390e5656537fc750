/**
 * Dataset profiles (pure, no I/O): mergeable per-column sketches of a dataset, serialisable as a
 * `.dwprofile` file, and convertible back into a `Table` the check engine compares with.
 * @module
 */

export { mergeProfiles } from './merge-profiles.ts';
export { createProfileBuilder, type ProfileBuilder, type ProfileColumnSpec } from './profile-builder.ts';
export { parseProfile, serializeProfile } from './profile-file.ts';
export { resolveProfileOptions } from './profile-options.ts';
export { DatasetProfileSchema, ProfileColumnSchema } from './profile-schema.ts';
export { profileTable } from './profile-table.ts';
export { profileToTable } from './profile-to-table.ts';
export {
  type CategoricalProfileColumn,
  type DatasetProfile,
  isNumericProfileColumn,
  type NumericProfileColumn,
  PROFILE_FORMAT,
  PROFILE_FORMAT_VERSION,
  type ProfileColumn,
  type ProfileMeta,
  type ProfileOptions,
} from './profile-types.ts';
export { profileWarnings, type SketchedColumn, sketchedColumns } from './profile-warnings.ts';
