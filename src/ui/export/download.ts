/** Saves bytes as a file through a temporary object URL (the only DOM the exports need). */
export function download(name: string, data: BlobPart | Blob, type: string): void {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name stem with the data's date: `鹿城区连片报告-2002-05-24`. */
export function fileStem(title: string, what: string, asOf: string | null): string {
  return [title.replace(/[\\/:*?"<>|\s]+/g, ''), what, asOf].filter(Boolean).join('-');
}
