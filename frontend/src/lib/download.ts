/** Saves `blob` as a download called `fileName`, through a temporary object-URL link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the Blob after click() returns; let go of it a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Saves `value` as a pretty-printed JSON file called `fileName`. */
export function saveJson(value: unknown, fileName: string): void {
  saveBlob(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }), fileName);
}
