import { Caller } from '../auth/caller';

/**
 * The port through which content checks learn what the attached media are (the media table belongs to
 * the media module, which binds it: { provide: MEDIA_TYPE_LOOKUP, useExisting: MediaService }, exported from a @Global module).
 */
export interface MediaTypeLookup {
  /**
   * The mime type of each of the media ids that exists and that the caller may attach; ids left out of
   * the map are treated as unknown (400 VALIDATION_FAILED naming the field).
   */
  mimeTypesOf(caller: Caller, mediaIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

export const MEDIA_TYPE_LOOKUP = Symbol('MEDIA_TYPE_LOOKUP');
