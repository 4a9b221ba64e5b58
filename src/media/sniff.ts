/** The type as the bytes say it is, or null when file-type does not recognise them. */
export async function sniffMimeType(path: string): Promise<string | null> {
  // file-type is ESM-only; TypeScript turns this into require(), which Node 20 supports for ESM.
  const { fileTypeFromFile } = await import('file-type');
  return (await fileTypeFromFile(path))?.mime ?? null;
}
