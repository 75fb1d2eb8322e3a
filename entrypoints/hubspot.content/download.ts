// Downloads a text the extension made, from the page the panel is in: a Blob URL and a link with
// `download`, clicked from script. No `downloads` permission is needed. The Blob URL carries a random
// id no page script can guess, its link is in the page only for the click, and it is revoked once
// the download has started. docs/export.md "Download".
export function downloadText(fileName: string, text: string, type: string, parent: Node = document.body): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  a.rel = 'noopener';
  parent.appendChild(a);
  a.click();
  a.remove();
  // Chrome reads the Blob when the download starts; a short delay keeps it readable until then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file and its receipt, the receipt named `<file>.receipt.json`. */
export function downloadExport(file: { fileName: string; csv: string; receiptText: string }): void {
  downloadText(file.fileName, file.csv, 'text/csv;charset=utf-8');
  downloadText(`${file.fileName}.receipt.json`, file.receiptText, 'application/json;charset=utf-8');
}
