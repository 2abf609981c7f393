/** The shape the server accepts for a file answer: `data:<mime>;name=<file name>;base64,<data>`. */
const DATA_URL = /^data:([a-z]+\/[a-z0-9-+.]+)?;(?:name=(.*);)?base64,(.*)$/;

/** Reads a file into the data: URL the server stores, with its (URI-encoded) name inside. */
export function readFileAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.onload = () => {
      const result = String(reader.result);
      const base64 = result.slice(result.indexOf(',') + 1);
      const mime = /^[a-z]+\/[a-z0-9-+.]+$/.test(file.type.toLowerCase()) ? file.type.toLowerCase() : '';
      resolve(`data:${mime};name=${encodeURIComponent(file.name)};base64,${base64}`);
    };
    reader.readAsDataURL(file);
  });
}

/** The file name and approximate size (bytes) of a data: URL answer, or undefined if it is none. */
export function describeDataUrl(value: unknown): { name: string; bytes: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DATA_URL.exec(value);
  if (!match) return undefined;
  let name = match[2] ?? 'file';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Keep the encoded name.
  }
  return { name, bytes: Math.floor(((match[3] ?? '').length * 3) / 4) };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
