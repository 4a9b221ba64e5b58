/** The type as the bytes say it is, or null when file-type does not recognise them. */
export async function sniffMimeType(path: string): Promise<string | null> {
  // file-type is ESM-only; TypeScript turns this into require(), which Node 20 supports for ESM.
  const { fileTypeFromFile } = await import('file-type');
  return (await fileTypeFromFile(path))?.mime ?? null;
}

/** How many leading bytes file-type needs to recognise any type it knows. */
export const SNIFF_BYTES = 4100;

/** The same, from the first bytes of an upload still arriving. */
export async function sniffMimeTypeOfBytes(head: Uint8Array): Promise<string | null> {
  const { fileTypeFromBuffer } = await import('file-type');
  return (await fileTypeFromBuffer(head))?.mime ?? null;
}
