/**
 * Projects and models as the dashboard sees them: only what the signed-in key may read.
 * @module
 */
import type { Principal } from '../../server/principal.ts';
import { hasScope } from '../../server/principal.ts';
import { findModel, listModels, type Model } from '../../storage/models-store.ts';
import type { StorageHandle } from '../../storage/open-database.ts';
import { findProjectByName, listProjects, type Project } from '../../storage/projects-store.ts';

export type { Model } from '../../storage/models-store.ts';
export type { Project } from '../../storage/projects-store.ts';

/** Projects the principal may read, by name. */
export async function visibleProjects(storage: StorageHandle, principal: Principal): Promise<Project[]> {
  if (!hasScope(principal, 'read')) return [];
  const all = await listProjects(storage);
  return principal.projectId === null ? all : all.filter((p) => p.id === principal.projectId);
}

/** The named project when the principal may read it, else undefined (unknown and forbidden look the same). */
export async function readableProject(
  storage: StorageHandle,
  principal: Principal,
  name: string,
): Promise<Project | undefined> {
  if (!hasScope(principal, 'read')) return undefined;
  const project = await findProjectByName(storage, name);
  if (!project) return undefined;
  if (principal.projectId !== null && principal.projectId !== project.id) return undefined;
  return project;
}

export async function projectModels(storage: StorageHandle, project: Project): Promise<Model[]> {
  return listModels(storage, project.id);
}

export async function projectModel(
  storage: StorageHandle,
  project: Project,
  name: string,
): Promise<Model | undefined> {
  return findModel(storage, project.id, name);
}

/** A project's name by id (for "signed in as … of project X"). */
export async function projectNameById(storage: StorageHandle, id: string): Promise<string | undefined> {
  const row = await storage.db.selectFrom('projects').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name;
}
