/**
 * Migration 0001: the initial schema. Portable DDL (SQLite and PostgreSQL); the only dialect difference is the
 * auto-incrementing audit sequence.
 * @module
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

export function initialMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('projects')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text')
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('revoked_at', 'bigint')
        .execute();

      await db.schema
        .createTable('models')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('schema_json', 'text')
        .addColumn('config_json', 'text')
        .addUniqueConstraint('models_project_name', ['project_id', 'name'])
        .execute();

      await db.schema
        .createTable('versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('model_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('contract_json', 'text')
        .addColumn('reference_json', 'text')
        .addColumn('reference_source_json', 'text')
        .addColumn('features_json', 'text')
        .addColumn('fingerprint', 'text')
        .addColumn('environment_json', 'text')
        .addColumn('evaluation_json', 'text')
        .addColumn('validation_json', 'text')
        .addColumn('tags_json', 'text')
        .addColumn('config_json', 'text')
        .addUniqueConstraint('versions_model_name', ['model_id', 'name'])
        .execute();

      await db.schema
        .createTable('aliases')
        .addColumn('model_id', 'text', (c) => c.notNull())
        .addColumn('alias', 'text', (c) => c.notNull())
        .addColumn('version_id', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addPrimaryKeyConstraint('aliases_pk', ['model_id', 'alias'])
        .execute();

      let audit = db.schema.createTable('audit_log');
      audit =
        dialect === 'postgres'
          ? audit.addColumn('seq', 'bigserial', (c) => c.primaryKey())
          : audit.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement());
      await audit
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('project_id', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text')
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .execute();
      await db.schema
        .createIndex('audit_log_project')
        .on('audit_log')
        .columns(['project_id', 'seq'])
        .execute();

      await db.schema
        .createTable('records')
        .addColumn('model_id', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('version_id', 'text', (c) => c.notNull())
        .addColumn('ts', 'bigint', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('features_json', 'text', (c) => c.notNull())
        .addColumn('prediction_json', 'text')
        .addColumn('score', 'double precision')
        .addColumn('scores_json', 'text')
        .addColumn('segments_json', 'text')
        .addColumn('latency_ms', 'double precision')
        .addColumn('error', 'text')
        .addPrimaryKeyConstraint('records_pk', ['model_id', 'record_id'])
        .execute();
      await db.schema.createIndex('records_model_ts').on('records').columns(['model_id', 'ts']).execute();
      await db.schema.createIndex('records_received').on('records').columns(['received_at']).execute();

      await db.schema
        .createTable('labels')
        .addColumn('model_id', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('target_json', 'text', (c) => c.notNull())
        .addColumn('ts', 'bigint', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('labels_pk', ['model_id', 'record_id'])
        .execute();

      await db.schema
        .createTable('feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('model_id', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text')
        .addColumn('value_json', 'text')
        .addColumn('comment', 'text')
        .addColumn('author', 'text')
        .execute();
      await db.schema
        .createIndex('feedback_model_record')
        .on('feedback')
        .columns(['model_id', 'record_id'])
        .execute();

      await db.schema
        .createTable('windows')
        .addColumn('model_id', 'text', (c) => c.notNull())
        .addColumn('granularity', 'text', (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull())
        .addColumn('end_ms', 'bigint', (c) => c.notNull())
        .addColumn('version_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('evaluated_at', 'bigint')
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'bigint')
        .addColumn('result_json', 'text')
        .addColumn('profile_json', 'text')
        .addPrimaryKeyConstraint('windows_pk', ['model_id', 'granularity', 'version_key', 'start_ms'])
        .execute();
      await db.schema.createIndex('windows_status').on('windows').columns(['status', 'end_ms']).execute();

      await db.schema
        .createTable('series')
        .addColumn('model_id', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('granularity', 'text', (c) => c.notNull())
        .addColumn('version_key', 'text', (c) => c.notNull())
        .addColumn('segment', 'text', (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull())
        .addColumn('end_ms', 'bigint', (c) => c.notNull())
        .addColumn('value', 'double precision')
        .addColumn('exact', 'integer', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('method', 'text')
        .addPrimaryKeyConstraint('series_pk', [
          'model_id',
          'metric',
          'granularity',
          'version_key',
          'segment',
          'start_ms',
        ])
        .execute();

      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('tags_json', 'text')
        .addColumn('result_json', 'text', (c) => c.notNull())
        .addColumn('html', 'text')
        .execute();
      await db.schema
        .createIndex('reports_project')
        .on('reports')
        .columns(['project_id', 'created_at'])
        .execute();
    },
  };
}
