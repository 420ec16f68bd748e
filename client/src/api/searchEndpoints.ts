/** Typed calls for searching the notes (see shared/search.ts). */
import { API } from '../../../shared/contract/index.js';
import type { SearchResponse } from '../../../shared/search.js';
import { call } from './call.js';

/** Every meeting of every partnership I am in that mentions the words of `q`, newest first. */
export const searchNotes = (q: string): Promise<SearchResponse> => call(API.search, { query: { q } });
