/** Typed calls for a meeting's history: its versions, one version, "compare with now" and restoring a section. */
import type { CompareResponse, VersionResponse, VersionSummary } from '../../../shared/history.js';
import { API } from '../../../shared/contract/index.js';
import type { SectionId } from '../../../shared/sections.js';
import { call } from './call.js';

export const fetchVersions = async (id: string): Promise<VersionSummary[]> =>
  (await call(API.versions, { params: { id } })).versions;

export const fetchVersion = (id: string, versionId: string): Promise<VersionResponse> =>
  call(API.version, { params: { id, versionId } });

export const compareVersion = (id: string, versionId: string): Promise<CompareResponse> =>
  call(API.compareVersion, { params: { id, versionId } });

/** Brings a section back as it was in a version; answers with the `restored` version recorded after the edit. */
export const restoreSection = async (id: string, versionId: string, section: SectionId): Promise<VersionSummary> =>
  (await call(API.restoreSection, { params: { id, versionId }, body: { section } })).version;
